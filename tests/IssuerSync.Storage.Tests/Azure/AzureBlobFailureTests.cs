using System.Net;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.Azure;

/// <summary>Azurite killed in the middle of a publish; each test has its own Azurite, restarted on the same data folder.</summary>
public sealed class AzureBlobFailureTests
{
    private const string DiscoveryPath = ".well-known/openid-configuration";
    private const string JwksPath = "openid/v1/jwks";

    [Fact]
    public async Task Publish_LeavesPreviousPairServed_WhenServerDiesBeforeTheJwksWrite()
    {
        await using var server = new AzuriteBlobServer();
        var container = await AzuriteFixture.CreateContainerAsync(server);
        var issuer = $"https://oidc.example.test/{container}";
        var rsa = TestKeys.Rsa();
        var before = TestIssuer.Documents(issuer, rsa);
        await DocumentPublisher.PublishAsync(before, AzuriteFixture.Target(server, container, string.Empty, issuer), new PublishOptions());
        var faulty = new FaultInjectingTarget(AzuriteFixture.Target(server, container, string.Empty, issuer), JwksPath, server.KillAfterMetadataSave, afterWrite: false);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, rsa, TestKeys.Ec()), faulty, new PublishOptions()));

        Assert.StartsWith($"the jwks document was not published: azblob:{server.BlobEndpoint}/{container}: cannot write {server.BlobEndpoint}/{container}/openid/v1/jwks: the storage endpoint {server.BlobEndpoint}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("State: nothing was changed: the previously published documents are still served", error.Message, StringComparison.Ordinal);
        server.Restart();
        Assert.Equal(before.Discovery, await ServedAsync(server, container, DiscoveryPath));
        Assert.Equal(before.Jwks, await ServedAsync(server, container, JwksPath));
    }

    [Fact]
    public async Task Publish_KeepsPreviousDiscoveryWithAJwksHoldingItsKeys_WhenServerDiesBetweenTheWrites()
    {
        await using var server = new AzuriteBlobServer();
        var container = await AzuriteFixture.CreateContainerAsync(server);
        var issuer = $"https://oidc.example.test/{container}";
        var rsa = TestKeys.Rsa();
        var before = TestIssuer.Documents(issuer, rsa);
        var after = TestIssuer.Documents(issuer, rsa, TestKeys.Ec());
        await DocumentPublisher.PublishAsync(before, AzuriteFixture.Target(server, container, string.Empty, issuer), new PublishOptions());
        var faulty = new FaultInjectingTarget(AzuriteFixture.Target(server, container, string.Empty, issuer), DiscoveryPath, server.KillAfterMetadataSave, afterWrite: false);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(after, faulty, new PublishOptions()));

        Assert.StartsWith($"the discovery document was not published: azblob:{server.BlobEndpoint}/{container}: cannot write {server.BlobEndpoint}/{container}/.well-known/openid-configuration: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("State: the new JWKS is published and the previous discovery document is still served next to it (run publish again to finish)", error.Message, StringComparison.Ordinal);
        server.Restart();
        Assert.Equal(before.Discovery, await ServedAsync(server, container, DiscoveryPath));
        var jwks = await ServedAsync(server, container, JwksPath);
        Assert.Equal(after.Jwks, jwks);
        Assert.Subset(TestIssuer.JwksAlgorithms(jwks).ToHashSet(), TestIssuer.DiscoveryAlgorithms(before.Discovery).ToHashSet());

        var retry = await DocumentPublisher.PublishAsync(after, AzuriteFixture.Target(server, container, string.Empty, issuer), new PublishOptions());

        Assert.Equal([DocumentStatus.Unchanged, DocumentStatus.Written], retry.Documents.Select(d => d.Status));
        Assert.Equal(after.Discovery, await ServedAsync(server, container, DiscoveryPath));
    }

    private static async Task<byte[]> ServedAsync(AzuriteBlobServer server, string container, string path)
    {
        using var response = await AnonymousClient.GetAsync($"{server.BlobEndpoint}/{container}/{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
