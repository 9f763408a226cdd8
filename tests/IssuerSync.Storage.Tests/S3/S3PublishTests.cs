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

    /// <summary>s3rver ignores If-Match on PUT; the publisher's check of the JWKS after the discovery write still makes the last one to finish repair the pair.</summary>
    [Fact]
    public async Task Publish_LeavesAConsistentPair_WhenTwoPublishersWithDifferentKeySetsRace()
    {
        var bucket = await S3rverFixture.CreateBucketAsync(s3.Server);
        var issuer = "https://oidc.example.test";
        var rsa = TestIssuer.Documents(issuer, TestKeys.Rsa());
        var ec = TestIssuer.Documents(issuer, TestKeys.Ec());
        for (var round = 0; round < 8; round++)
        {
            var results = await Task.WhenAll(
                PublishOrConflictAsync(round % 2 == 0 ? rsa : ec, S3rverFixture.Target(s3.Server, bucket, string.Empty, issuer)),
                PublishOrConflictAsync(round % 2 == 0 ? ec : rsa, S3rverFixture.Target(s3.Server, bucket, string.Empty, issuer)));

            Assert.Contains(true, results);
            using var discovery = await AnonymousClient.GetAsync($"{s3.Server.Endpoint}{bucket}/{DiscoveryPath}");
            using var jwks = await AnonymousClient.GetAsync($"{s3.Server.Endpoint}{bucket}/{JwksPath}");
            var discoveryBytes = await discovery.Content.ReadAsByteArrayAsync();
            var jwksBytes = await jwks.Content.ReadAsByteArrayAsync();
            var pair = discoveryBytes.AsSpan().SequenceEqual(rsa.Discovery) ? rsa : ec;
            Assert.Equal(pair.Discovery, discoveryBytes);
            Assert.Equal(pair.Jwks, jwksBytes);
            Assert.Equal(TestIssuer.DiscoveryAlgorithms(discoveryBytes), TestIssuer.JwksAlgorithms(jwksBytes));
        }
    }

    private static async Task<bool> PublishOrConflictAsync(Core.Documents.IssuerDocuments documents, IPublishTarget target)
    {
        try
        {
            await DocumentPublisher.PublishAsync(documents, target, new PublishOptions());
            return true;
        }
        catch (StorageException e) when (e.Message.Contains("another publisher", StringComparison.Ordinal))
        {
            return false;
        }
    }

    [Fact]
    public async Task Publish_FailsNamingTheFix_WhenBucketDoesNotExist()
    {
        var issuer = "https://oidc.example.test";
        var target = S3rverFixture.Target(s3.Server, "no-such-bucket", string.Empty, issuer);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions()));

        Assert.Equal(
            $"the jwks document was not published: s3://no-such-bucket: cannot write {s3.Server.Endpoint}no-such-bucket/openid/v1/jwks: the bucket 'no-such-bucket' does not exist (NoSuchBucket). " +
            "Hint: aws s3 mb s3://no-such-bucket --region REGION, or check --region / --s3-endpoint. State: nothing was changed: the previously published documents are still served",
            error.Message);
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
