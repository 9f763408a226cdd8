using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;

namespace IssuerSync.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobPublishTests(AzuriteFixture azurite)
{
    private const string DiscoveryPath = ".well-known/openid-configuration";
    private const string JwksPath = "openid/v1/jwks";

    [Fact]
    public async Task Publish_ServesBothDocumentsAnonymously_WithExactBytesAndHeaders()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server);
        var issuer = $"https://oidc.example.test/{container}/cluster1";
        var documents = TestIssuer.Documents(issuer, TestKeys.Rsa(), TestKeys.Ec());
        var target = AzuriteFixture.Target(azurite.Server, container, "cluster1", issuer);

        var report = await DocumentPublisher.PublishAsync(documents, target, new PublishOptions());

        Assert.Equal([DocumentStatus.Written, DocumentStatus.Written], report.Documents.Select(d => d.Status));
        foreach (var (path, bytes) in new[] { (DiscoveryPath, documents.Discovery), (JwksPath, documents.Jwks) })
        {
            using var response = await AnonymousClient.GetAsync($"{azurite.Server.BlobEndpoint}/{container}/cluster1/{path}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
            Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Publish_UsesConfiguredHeaders_WhenJwksContentTypeAndCacheControlAreSet()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server);
        var issuer = $"https://oidc.example.test/{container}/c";
        var target = AzuriteFixture.Target(azurite.Server, container, "c", issuer);

        await DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions { JwksContentType = "application/jwk-set+json", CacheControl = "public, max-age=60" });

        using var jwks = await AnonymousClient.GetAsync($"{azurite.Server.BlobEndpoint}/{container}/c/{JwksPath}");
        Assert.Equal("application/jwk-set+json", jwks.Content.Headers.ContentType?.ToString());
        Assert.Equal("public, max-age=60", jwks.Headers.CacheControl?.ToString());
        using var discovery = await AnonymousClient.GetAsync($"{azurite.Server.BlobEndpoint}/{container}/c/{DiscoveryPath}");
        Assert.Equal("application/json", discovery.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Publish_WritesNothingWithOneRequest_WhenPublishedTwice()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server);
        var issuer = $"https://oidc.example.test/{container}";
        var documents = TestIssuer.Documents(issuer, TestKeys.Rsa());
        await DocumentPublisher.PublishAsync(documents, AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer), new PublishOptions());
        var before = await ServerStateAsync(container, string.Empty);

        var second = await DocumentPublisher.PublishAsync(documents, AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer), new PublishOptions());
        var full = await DocumentPublisher.PublishAsync(documents, AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer), new PublishOptions { FullCheck = true });

        Assert.Equal([DocumentStatus.Unchanged, DocumentStatus.Unchanged], second.Documents.Select(d => d.Status));
        Assert.Equal((1L, 0L), (second.ReadRequests, second.WriteRequests));
        Assert.Equal((2L, 0L), (full.ReadRequests, full.WriteRequests));
        Assert.Equal(before, await ServerStateAsync(container, string.Empty));
    }

    [Fact]
    public async Task Publish_RewritesOnlyJwks_WhenItWasChangedBehindThePublisherAndFullCheckIsSet()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server);
        var issuer = $"https://oidc.example.test/{container}";
        var documents = TestIssuer.Documents(issuer, TestKeys.Rsa());
        var target = AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer);
        await DocumentPublisher.PublishAsync(documents, target, new PublishOptions());
        await new BlobServiceClient(azurite.Server.ConnectionString).GetBlobContainerClient(container).GetBlobClient(JwksPath).UploadAsync(BinaryData.FromString("{\"keys\":[]}"), overwrite: true);

        var report = await DocumentPublisher.PublishAsync(documents, target, new PublishOptions { FullCheck = true });

        Assert.Equal([DocumentStatus.Written, DocumentStatus.Unchanged], report.Documents.Select(d => d.Status));
        using var served = await AnonymousClient.GetAsync($"{azurite.Server.BlobEndpoint}/{container}/{JwksPath}");
        Assert.Equal(documents.Jwks, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Publish_ReportsWhatWouldChangeAndWritesNothing_WhenDryRun()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server);
        var issuer = $"https://oidc.example.test/{container}";
        var target = AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer);

        var report = await DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions { DryRun = true });

        Assert.Equal([DocumentStatus.WouldWrite, DocumentStatus.WouldWrite], report.Documents.Select(d => d.Status));
        Assert.Equal(0, report.WriteRequests);
        using var served = await AnonymousClient.GetAsync($"{azurite.Server.BlobEndpoint}/{container}/{DiscoveryPath}");
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task Publish_FailsNamingTheFixAndWritesNothing_WhenContainerIsNotAnonymouslyReadable()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server, PublicAccessType.None);
        var issuer = $"https://oidc.example.test/{container}";
        var target = AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions()));

        Assert.Equal(
            $"azblob:{azurite.Server.BlobEndpoint}/{container}: the container '{container}' does not allow anonymous read, so clouds cannot fetch the issuer's documents; nothing was written",
            error.Message);
        Assert.Equal(StorageErrorCodes.NotAnonymouslyReadable, error.Code);
        Assert.Equal(
            $"az storage container-rm update --storage-account devstoreaccount1 --name {container} --public-access blob (if the account forbids it, set allowBlobPublicAccess=true, or publish to the $web static website with {{0}}). " +
            "Without it Entra ID fails with AADSTS90061 and AWS STS with InvalidIdentityToken",
            error.Hint!.Text);
        Assert.Equal(new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Mention, "https://ACCOUNT.zNN.web.core.windows.net"), Assert.Single(error.Hint.Settings));
        Assert.False(await new BlobServiceClient(azurite.Server.ConnectionString).GetBlobContainerClient(container).GetBlobClient(JwksPath).ExistsAsync());
    }

    [Fact]
    public async Task Publish_FailsNamingTheFix_WhenContainerDoesNotExist()
    {
        var issuer = "https://oidc.example.test/missing";
        var target = AzuriteFixture.Target(azurite.Server, "missing", string.Empty, issuer);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions()));

        Assert.StartsWith($"azblob:{azurite.Server.BlobEndpoint}/missing: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("the container 'missing' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(StorageErrorCodes.ContainerMissing, error.Code);
        Assert.StartsWith("az storage container create --account-name devstoreaccount1 --name missing", error.Hint!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FailsBeforeWriting_WhenIssuerIsNotWhereTheTargetIsServed()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server);
        var target = AzuriteFixture.Target(azurite.Server, container, "cluster1", "https://oidc.example.test/cluster1");
        var documents = TestIssuer.Documents("https://oidc.example.test/cluster2", TestKeys.Ec());

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(documents, target, new PublishOptions()));

        Assert.Contains("the issuer 'https://oidc.example.test/cluster2' would be unreachable: this target serves the discovery document at https://oidc.example.test/cluster1/.well-known/openid-configuration", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, target.Requests.Total);
    }

    [Fact]
    public async Task Publish_LeavesAConsistentPair_WhenTwoPublishersWithDifferentKeySetsRace()
    {
        var container = await AzuriteFixture.CreateContainerAsync(azurite.Server);
        var issuer = $"https://oidc.example.test/{container}";
        var attempts = new List<int>();
        for (var round = 0; round < 10; round++)
        {
            // Fresh key sets every round (ES256 against ES384, so the discovery documents differ too): both publishers must write.
            var es256 = TestIssuer.Documents(issuer, TestKeys.Ec("P-256"));
            var es384 = TestIssuer.Documents(issuer, TestKeys.Ec("P-384"));
            var results = await Task.WhenAll(
                PublishOrConflictAsync(es256, AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer)),
                PublishOrConflictAsync(es384, AzuriteFixture.Target(azurite.Server, container, string.Empty, issuer)));

            attempts.AddRange(results);
            Assert.Contains(results, a => a > 0);
            using var discovery = await AnonymousClient.GetAsync($"{azurite.Server.BlobEndpoint}/{container}/{DiscoveryPath}");
            using var jwks = await AnonymousClient.GetAsync($"{azurite.Server.BlobEndpoint}/{container}/{JwksPath}");
            var discoveryBytes = await discovery.Content.ReadAsByteArrayAsync();
            var jwksBytes = await jwks.Content.ReadAsByteArrayAsync();
            var pair = discoveryBytes.AsSpan().SequenceEqual(es256.Discovery) ? es256 : es384;
            Assert.Equal(pair.Discovery, discoveryBytes);
            Assert.Equal(pair.Jwks, jwksBytes);
            Assert.Equal(TestIssuer.DiscoveryAlgorithms(discoveryBytes), TestIssuer.JwksAlgorithms(jwksBytes));
        }

        Assert.Contains(attempts, a => a > 1); // the publishers did collide, and the loser started over
    }

    /// <summary>The attempts the publish took, or 0 when it gave up after losing every race.</summary>
    private static async Task<int> PublishOrConflictAsync(Core.Documents.IssuerDocuments documents, IPublishTarget target)
    {
        try
        {
            return (await DocumentPublisher.PublishAsync(documents, target, new PublishOptions())).Attempts;
        }
        catch (StorageException e) when (e.Message.Contains("another publisher", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    private async Task<string> ServerStateAsync(string container, string prefix)
    {
        var state = new List<string>();
        foreach (var path in new[] { JwksPath, DiscoveryPath })
        {
            using var response = await AnonymousClient.HeadAsync($"{azurite.Server.BlobEndpoint}/{container}/{(prefix.Length > 0 ? prefix + "/" : string.Empty)}{path}");
            state.Add($"{path} {response.Headers.ETag} {response.Content.Headers.LastModified:O}");
        }

        return string.Join("\n", state);
    }
}
