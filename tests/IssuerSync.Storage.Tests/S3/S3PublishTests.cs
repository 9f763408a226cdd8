using System.Net;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;

namespace IssuerSync.Storage.Tests.S3;

[Collection(S3rverCollection.Name)]
public sealed class S3PublishTests(S3rverFixture s3)
{
    private const string DiscoveryPath = ".well-known/openid-configuration";
    private const string JwksPath = "openid/v1/jwks";

    [Fact]
    public async Task Publish_ServesBothDocumentsAnonymously_WithExactBytesAndHeaders()
    {
        var bucket = await S3rverFixture.CreateBucketAsync(s3.Server);
        var issuer = "https://oidc.example.test/cluster1";
        var documents = TestIssuer.Documents(issuer, TestKeys.Rsa(), TestKeys.Ec("P-384"));
        var target = S3rverFixture.Target(s3.Server, bucket, "cluster1", issuer);

        var report = await DocumentPublisher.PublishAsync(documents, target, new PublishOptions());

        Assert.Equal([DocumentStatus.Written, DocumentStatus.Written], report.Documents.Select(d => d.Status));
        foreach (var (path, bytes) in new[] { (DiscoveryPath, documents.Discovery), (JwksPath, documents.Jwks) })
        {
            using var response = await AnonymousClient.GetAsync($"{s3.Server.Endpoint}{bucket}/cluster1/{path}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
            Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Publish_WritesNothingWithOneRequest_WhenPublishedTwice()
    {
        var bucket = await S3rverFixture.CreateBucketAsync(s3.Server);
        var issuer = "https://oidc.example.test";
        var documents = TestIssuer.Documents(issuer, TestKeys.Ec());
        var first = await DocumentPublisher.PublishAsync(documents, S3rverFixture.Target(s3.Server, bucket, string.Empty, issuer), new PublishOptions());
        var before = await ServerStateAsync(bucket);

        var second = await DocumentPublisher.PublishAsync(documents, S3rverFixture.Target(s3.Server, bucket, string.Empty, issuer), new PublishOptions());

        Assert.Equal(2, first.WriteRequests);
        Assert.Equal([DocumentStatus.Unchanged, DocumentStatus.Unchanged], second.Documents.Select(d => d.Status));
        Assert.Equal((1L, 0L), (second.ReadRequests, second.WriteRequests));
        Assert.Equal(before, await ServerStateAsync(bucket));
    }

    [Fact]
    public async Task Publish_RewritesJwksAndTheDiscoveryPairRecord_WhenKeysRotateWithTheSameAlgorithm()
    {
        var bucket = await S3rverFixture.CreateBucketAsync(s3.Server);
        var issuer = "https://oidc.example.test";
        var old = TestKeys.Ec();
        await DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, old), S3rverFixture.Target(s3.Server, bucket, string.Empty, issuer), new PublishOptions());
        var rotated = TestIssuer.Documents(issuer, old, TestKeys.Ec());

        var report = await DocumentPublisher.PublishAsync(rotated, S3rverFixture.Target(s3.Server, bucket, string.Empty, issuer), new PublishOptions());

        Assert.Equal([DocumentStatus.Written, DocumentStatus.Written], report.Documents.Select(d => d.Status));
        using var jwks = await AnonymousClient.GetAsync($"{s3.Server.Endpoint}{bucket}/{JwksPath}");
        Assert.Equal(rotated.Jwks, await jwks.Content.ReadAsByteArrayAsync());
        using var discovery = await AnonymousClient.GetAsync($"{s3.Server.Endpoint}{bucket}/{DiscoveryPath}");
        Assert.Equal(rotated.Discovery, await discovery.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> ServerStateAsync(string bucket)
    {
        var state = new List<string>();
        foreach (var path in new[] { JwksPath, DiscoveryPath })
        {
            using var response = await AnonymousClient.HeadAsync($"{s3.Server.Endpoint}{bucket}/{path}");
            state.Add($"{path} {response.Headers.ETag} {response.Content.Headers.LastModified:O}");
        }

        return string.Join("\n", state);
    }
}
