using IssuerSync.Core.Documents;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Storage.Tests.Targets.Contract;

/// <summary>
/// What a blob store that honours If-Match / If-None-Match on a write does (Azure Blob Storage and Azurite, AWS S3):
/// a failed condition changes nothing, and two publishers racing leave one publisher's pair. Azurite runs it as it is;
/// s3rver ignores both conditions, so S3 runs it through a proxy that checks them as S3 does (S3ConditionalWriteTests),
/// and plain s3rver stops at <see cref="BlobTargetContract"/> (S3TargetTests).
/// </summary>
public abstract class ConditionalWriteContract : BlobTargetContract
{
    [Theory]
    [InlineData("the document exists (If-None-Match: *)")]
    [InlineData("the ETag is stale (If-Match)")]
    public async Task Write_ThrowsConflictAndKeepsTheDocument_WhenTheConditionFails(string failure)
    {
        var place = await NewPlaceAsync();
        var target = Blob(place, string.Empty);
        var first = await target.WriteAsync(JwksPath, new DocumentContent("first"u8.ToArray(), "application/json", "no-cache"), WriteCondition.MustNotExist);
        await target.WriteAsync(JwksPath, new DocumentContent("second"u8.ToArray(), "application/json", "no-cache"), WriteCondition.Matching(first!));
        var condition = failure.StartsWith("the document exists", StringComparison.Ordinal) ? WriteCondition.MustNotExist : WriteCondition.Matching(first!);

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => target.WriteAsync(JwksPath, new DocumentContent("third"u8.ToArray(), "application/json", "no-cache"), condition));

        Assert.Equal(StorageErrorCodes.Conflict, error.Code);
        Assert.StartsWith($"{target.DisplayName}: cannot write {target.LocationOf(JwksPath)}: it changed since it was read (HTTP ", error.Message, StringComparison.Ordinal);
        Assert.Equal("second"u8.ToArray(), (await place.ServedAsync(string.Empty, JwksPath))?.Bytes);
    }

    [Fact]
    public async Task Write_ThrowsConflict_WhenTheDocumentWasDeletedSinceItWasRead()
    {
        var place = await NewPlaceAsync();
        var target = Blob(place, string.Empty);
        var first = await target.WriteAsync(JwksPath, new DocumentContent("first"u8.ToArray(), "application/json", "no-cache"), WriteCondition.MustNotExist);
        await place.DeleteAsync(string.Empty, JwksPath);

        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => target.WriteAsync(JwksPath, new DocumentContent("second"u8.ToArray(), "application/json", "no-cache"), WriteCondition.Matching(first!)));

        Assert.Equal(StorageErrorCodes.Conflict, error.Code);
        Assert.StartsWith($"{target.DisplayName}: cannot write {target.LocationOf(JwksPath)}: it changed since it was read (HTTP ", error.Message, StringComparison.Ordinal);
        Assert.Null(await place.ServedAsync(string.Empty, JwksPath));
    }

    [Fact]
    public async Task Publish_StartsOverAndPublishesThePair_WhenTheJwksIsDeletedBetweenItsReadAndItsWrite()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var old = TestIssuer.Documents(issuer, TestKeys.Ec("P-256"));
        await PublishAsync(old, place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter());
        var documents = TestIssuer.Documents(issuer, TestKeys.Ec("P-384"));
        var deletions = 0;
        var target = new FaultInjectingTarget((IBlobTarget)place.Target(string.Empty, issuer, new RequestCounter()), JwksPath, () =>
        {
            if (Interlocked.Increment(ref deletions) == 1)
            {
                place.DeleteAsync(string.Empty, JwksPath).GetAwaiter().GetResult();
            }
        }, afterWrite: false);

        var report = await PublishAsync(documents, target, new RequestCounter());

        Assert.Equal(2, report.Attempts);
        Assert.Equal(documents.Jwks, (await place.ServedAsync(string.Empty, JwksPath))?.Bytes);
        Assert.Equal(documents.Discovery, (await place.ServedAsync(string.Empty, DiscoveryPath))?.Bytes);
    }

    [Fact]
    public async Task Publish_LeavesAConsistentPair_WhenTwoPublishersWithDifferentKeySetsRace()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var attempts = new List<int>();
        for (var round = 0; round < 10; round++)
        {
            // Fresh key sets every round (ES256 against ES384, so the discovery documents differ too): both publishers must write.
            var es256 = TestIssuer.Documents(issuer, TestKeys.Ec("P-256"));
            var es384 = TestIssuer.Documents(issuer, TestKeys.Ec("P-384"));
            var results = await Task.WhenAll(
                PublishOrConflictAsync(es256, place.Target(string.Empty, issuer, new RequestCounter())),
                PublishOrConflictAsync(es384, place.Target(string.Empty, issuer, new RequestCounter())));

            attempts.AddRange(results);
            Assert.Contains(results, a => a > 0);
            var discovery = (await place.ServedAsync(string.Empty, DiscoveryPath))!.Bytes;
            var jwks = (await place.ServedAsync(string.Empty, JwksPath))!.Bytes;
            var pair = discovery.AsSpan().SequenceEqual(es256.Discovery) ? es256 : es384;
            Assert.Equal(pair.Discovery, discovery);
            Assert.Equal(pair.Jwks, jwks);
            Assert.Equal(TestIssuer.DiscoveryAlgorithms(discovery), TestIssuer.JwksAlgorithms(jwks));
        }

        Assert.Contains(attempts, a => a > 1); // the publishers did collide, and the loser started over
    }

    [Fact]
    public async Task Publish_WaitsOnItsTimeProvider_BeforeStartingOverAfterALostRace()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var documents = TestIssuer.Documents(issuer, TestKeys.Ec());
        var races = 0;
        var raced = new TaskCompletionSource();
        // Another writer creates the JWKS between this publisher's read and its first write, once.
        var target = new FaultInjectingTarget((IBlobTarget)place.Target(string.Empty, issuer, new RequestCounter()), JwksPath, () =>
        {
            if (Interlocked.Increment(ref races) == 1)
            {
                place.ReplaceAsync(string.Empty, JwksPath, "{\"keys\":[]}"u8.ToArray()).GetAwaiter().GetResult();
                raced.SetResult();
            }
        }, afterWrite: false);
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        // An hour: were the wait on the real clock, the publish could not finish within the test.
        var options = new PublishOptions { RetryBaseDelay = TimeSpan.FromHours(1), MaxRetryDelay = TimeSpan.FromHours(1), Time = clock };

        var publish = PublishAsync(documents, target, new RequestCounter(), options);
        await raced.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        Assert.False(publish.IsCompleted, "the publish waits for the injected clock before starting over");
        clock.Advance(TimeSpan.FromHours(1));
        var report = await publish.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, report.Attempts);
        Assert.Equal(documents.Jwks, (await place.ServedAsync(string.Empty, JwksPath))?.Bytes);
        Assert.Equal(documents.Discovery, (await place.ServedAsync(string.Empty, DiscoveryPath))?.Bytes);
    }

    /// <summary>The attempts the publish took, or 0 when it gave up after losing every race.</summary>
    private static async Task<int> PublishOrConflictAsync(IssuerDocuments documents, IPublishTarget target)
    {
        try
        {
            return (await PublishAsync(documents, target, new RequestCounter())).Attempts;
        }
        catch (StorageException e) when (e.Message.Contains("another publisher", StringComparison.Ordinal))
        {
            return 0;
        }
    }
}
