using Amazon.S3;
using Amazon.S3.Model;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.S3;
using IssuerSync.Storage.Tests.Targets.Contract;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>The blob target contract on s3rver; every upload is read back with an anonymous GET (no aws-chunked framing, no trailing checksum in the object).</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3TargetTests(S3rverFixture s3) : BlobTargetContract
{
    protected override EmulatorProcess Emulator => s3.Server;

    protected override string UnreachableCause => $"Connection refused (127.0.0.1:{s3.Server.Port}) (after retries)";

    protected override void KillAfterSave() => s3.Server.Kill();

    protected override async Task<TargetPlace> NewPlaceAsync() => new Bucket(s3.Server, await s3.CreateBucketAsync());

    private sealed class Bucket(S3rverServer server, string name) : HttpPlace
    {
        public override IPublishTarget Target(string prefix, string issuer, RequestCounter requests)
            => S3rverTargets.Create(server, name, prefix, new S3TargetOptions { PublicBaseUrl = new Uri(issuer), Requests = requests });

        public override async Task ReplaceAsync(string prefix, string path, byte[] bytes)
        {
            using var client = new AmazonS3Client(S3rverFixture.Credentials, new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED });
            await client.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = Join(prefix, path), InputStream = new MemoryStream(bytes), UseChunkEncoding = false });
        }

        public override async Task DeleteAsync(string prefix, string path)
        {
            using var client = new AmazonS3Client(S3rverFixture.Credentials, new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
            await client.DeleteObjectAsync(name, Join(prefix, path));
        }

        protected override string UrlOf(string prefix, string path) => $"{server.Endpoint}{name}/{Join(prefix, path)}";
    }
}
