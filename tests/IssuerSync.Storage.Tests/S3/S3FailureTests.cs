using System.Net;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>s3rver killed between the JWKS and the discovery write, then restarted on the same data folder.</summary>
public sealed class S3FailureTests
{
    private const string DiscoveryPath = ".well-known/openid-configuration";
    private const string JwksPath = "openid/v1/jwks";

    [Fact]
    public async Task Publish_KeepsPreviousDiscoveryWithAJwksHoldingItsKeys_WhenServerDiesBetweenTheWrites()
    {
        await using var server = new S3rverServer();
        var bucket = await S3rverFixture.CreateBucketAsync(server);
        var issuer = "https://oidc.example.test/c1";
        var rsa = TestKeys.Rsa();
        var before = TestIssuer.Documents(issuer, rsa);
        var after = TestIssuer.Documents(issuer, rsa, TestKeys.Ec());
        await DocumentPublisher.PublishAsync(before, S3rverFixture.Target(server, bucket, "c1", issuer), new PublishOptions());
        var faulty = new FaultInjectingTarget(S3rverFixture.Target(server, bucket, "c1", issuer), JwksPath, server.Kill, afterWrite: true);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(after, faulty, new PublishOptions()));

        Assert.StartsWith($"the jwks document was written but could not be read back: s3://{bucket}/c1: cannot read {server.Endpoint}{bucket}/c1/openid/v1/jwks: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("State: the new JWKS was written but not verified, and the previous discovery document is still served next to it; run publish again to verify and finish", error.Message, StringComparison.Ordinal);
        server.Restart();
        Assert.Equal(before.Discovery, await ServedAsync(server, bucket, DiscoveryPath));
        var jwks = await ServedAsync(server, bucket, JwksPath);
        Assert.Equal(after.Jwks, jwks);
        Assert.Subset(TestIssuer.JwksAlgorithms(jwks).ToHashSet(), TestIssuer.DiscoveryAlgorithms(before.Discovery).ToHashSet());

        var retry = await DocumentPublisher.PublishAsync(after, S3rverFixture.Target(server, bucket, "c1", issuer), new PublishOptions());

        Assert.Equal([DocumentStatus.Unchanged, DocumentStatus.Written], retry.Documents.Select(d => d.Status));
        Assert.Equal(after.Discovery, await ServedAsync(server, bucket, DiscoveryPath));
    }

    private static async Task<byte[]> ServedAsync(S3rverServer server, string bucket, string path)
    {
        using var response = await AnonymousClient.GetAsync($"{server.Endpoint}{bucket}/c1/{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
