using Amazon.S3;
using Amazon.S3.Model;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.S3;
using IssuerSync.Storage.Tests.Targets.Contract;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>
/// The conditional-write contract on S3: the real SDK and s3rver's storage, through <see cref="S3ConditionProxy"/>,
/// which stands in for S3's condition check (s3rver ignores If-Match and If-None-Match) and answers S3's errors
/// (412 PreconditionFailed, 409 ConditionalRequestConflict) when a condition fails. Every upload is read back with an
/// anonymous GET from s3rver itself.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ConditionalWriteTests(S3rverFixture s3) : ConditionalWriteContract, IAsyncLifetime
{
    private S3ConditionProxy _proxy = null!;

    protected override EmulatorProcess Emulator => s3.Server;

    // s3rver gone, the proxy resets the client's connection (as a dead store's load balancer does).
    protected override string UnreachableCause => "Unable to read data from the transport connection: Connection reset by peer.";

    protected override void KillAfterSave() => s3.Server.Kill();

    protected override async Task<TargetPlace> NewPlaceAsync() => new Bucket(s3.Server, _proxy.Endpoint, await s3.CreateBucketAsync());

    public async Task InitializeAsync() => _proxy = await S3ConditionProxy.StartAsync(s3.Server.Endpoint);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Theory]
    [InlineData("the document exists (If-None-Match: *)", "412 PreconditionFailed")]
    [InlineData("the ETag is stale (If-Match)", "412 PreconditionFailed")]
    [InlineData("another write to the document is in flight (If-Match)", "409 ConditionalRequestConflict")]
    public async Task Write_FailsWithS3sAnswerAndSendsNothingToTheStore_WhenTheConditionFails(string failure, string answer)
    {
        var place = (Bucket)await NewPlaceAsync();
        var target = Blob(place, string.Empty);
        var first = await target.WriteAsync(JwksPath, new DocumentContent("first"u8.ToArray(), "application/json", "no-cache"), WriteCondition.MustNotExist);
        var second = await target.WriteAsync(JwksPath, new DocumentContent("second"u8.ToArray(), "application/json", "no-cache"), WriteCondition.Matching(first!));
        var condition = failure.StartsWith("the document exists", StringComparison.Ordinal) ? WriteCondition.MustNotExist
            : failure.StartsWith("the ETag is stale", StringComparison.Ordinal) ? WriteCondition.Matching(first!) : WriteCondition.Matching(second!);
        using var inFlight = failure.StartsWith("another write", StringComparison.Ordinal) ? await _proxy.HoldAsync(place.Name, JwksPath) : null;

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => target.WriteAsync(JwksPath, new DocumentContent("third"u8.ToArray(), "application/json", "no-cache"), condition));

        Assert.Equal(
            $"{target.DisplayName}: cannot write {target.LocationOf(JwksPath)}: it changed since it was read (HTTP {answer}): another publisher is writing this issuer",
            error.Message);
        Assert.Equal([int.Parse(answer[..3], System.Globalization.CultureInfo.InvariantCulture)], _proxy.Refusals);
        var put = _proxy.Requests.Last(r => r.Method == "PUT");
        Assert.Equal(condition.IfNoneExists ? ("*", null) : (null, condition.IfMatch), (put.Headers.GetValueOrDefault("If-None-Match"), put.Headers.GetValueOrDefault("If-Match")));
        Assert.Equal("second"u8.ToArray(), (await place.ServedAsync(string.Empty, JwksPath))?.Bytes);
    }

    private sealed class Bucket(S3rverServer server, Uri proxy, string name) : HttpPlace
    {
        public string Name => name;

        public override IPublishTarget Target(string prefix, string issuer, RequestCounter requests)
            => S3rverTargets.Create(proxy, name, prefix, new S3TargetOptions { PublicBaseUrl = new Uri(issuer), Requests = requests });

        // Another tool's unconditional PUT, through the proxy.
        public override async Task ReplaceAsync(string prefix, string path, byte[] bytes)
        {
            using var client = new AmazonS3Client(S3rverFixture.Credentials, new AmazonS3Config { ServiceURL = proxy.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED });
            await client.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = Join(prefix, path), InputStream = new MemoryStream(bytes), UseChunkEncoding = false });
        }

        public override async Task DeleteAsync(string prefix, string path)
        {
            using var client = new AmazonS3Client(S3rverFixture.Credentials, new AmazonS3Config { ServiceURL = proxy.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
            await client.DeleteObjectAsync(name, Join(prefix, path));
        }

        protected override string UrlOf(string prefix, string path) => $"{server.Endpoint}{name}/{Join(prefix, path)}";
    }
}
