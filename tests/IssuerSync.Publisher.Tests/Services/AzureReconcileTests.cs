using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Core.Push;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.State.Azure;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.Services;

/// <summary>The publisher on Azurite: state in a private container, documents in a public one, the connection named by an app setting.</summary>
[Collection(State.AzuriteCollection.Name)]
public sealed class AzureReconcileTests
{
    private const string JwksBlob = "openid/v1/jwks";
    private const string DiscoveryBlob = ".well-known/openid-configuration";

    private readonly AzuriteFixture _azurite;

    public AzureReconcileTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task ReconcileIssuerAsync_WritesNothing_ForAnUnchangedIssuer()
    {
        var (app, documents, state) = await CreateAsync();
        await EnrolAsync(app);
        await app.Reconcile.ReconcileIssuerAsync("prod");
        var before = await PropertiesAsync(documents, state);

        var outcome = await app.Reconcile.ReconcileIssuerAsync("prod");

        Assert.Equal((true, PublishSummary.Unchanged, false), (outcome.Succeeded, outcome.Publish, outcome.StateChanged));
        Assert.Equal(before, await PropertiesAsync(documents, state));
    }

    [Fact]
    public async Task ReconcileIssuerAsync_RestoresAJwksOverwrittenOrADiscoveryDeletedBehindItsBack()
    {
        var (app, documents, _) = await CreateAsync();
        await EnrolAsync(app);
        var jwks = (await documents.GetBlobClient(JwksBlob).DownloadContentAsync()).Value.Content.ToArray();
        await documents.GetBlobClient(JwksBlob).UploadAsync(BinaryData.FromString("""{"keys":[]}"""), overwrite: true);

        var repaired = await app.Reconcile.ReconcileIssuerAsync("prod");
        await documents.GetBlobClient(DiscoveryBlob).DeleteAsync();
        var restored = await app.Reconcile.ReconcileIssuerAsync("prod");

        Assert.Equal(PublishSummary.Published, repaired.Publish);
        Assert.Equal(PublishSummary.Published, restored.Publish);
        var served = (await documents.GetBlobClient(JwksBlob).DownloadContentAsync()).Value;
        Assert.Equal(jwks, served.Content.ToArray());
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer), served.Content.ToArray());
        Assert.Equal("application/json", served.Details.ContentType);
        Assert.Equal("public, max-age=300", served.Details.CacheControl);
        Assert.True((await documents.GetBlobClient(DiscoveryBlob).ExistsAsync()).Value);
    }

    private async Task<(PublisherApp App, BlobContainerClient Documents, BlobContainerClient State)> CreateAsync()
    {
        var service = new BlobServiceClient(_azurite.Server.ConnectionString);
        var documents = service.GetBlobContainerClient($"oidc-{Guid.NewGuid():N}");
        await documents.CreateAsync(PublicAccessType.Blob);
        var state = service.GetBlobContainerClient($"state-{Guid.NewGuid():N}");
        var settings = new PublisherSettings
        {
            StateStore = $"azblob:{_azurite.Server.BlobEndpoint}/{state.Name}",
            Connection = "StateStorage",
            Issuers =
            [
                new IssuerSettings
                {
                    Registration = StateWorld.Prod with { Target = $"azblob:{_azurite.Server.BlobEndpoint}/{documents.Name}" },
                    PublicBaseUrl = new Uri(StateWorld.Issuer),
                    Connection = "DocumentStorage",
                },
            ],
        };
        var appSettings = new Dictionary<string, string> { ["StateStorage"] = _azurite.Server.ConnectionString, ["DocumentStorage"] = _azurite.Server.ConnectionString };
        var app = PublisherApp.Create(settings, new PublisherDependencies { Time = new FakeTimeProvider(StateWorld.Now), Setting = name => appSettings.GetValueOrDefault(name) });
        return (app, documents, state);
    }

    private static async Task EnrolAsync(PublisherApp app)
    {
        Assert.Equal(202, (await app.Push.PushAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer), StateWorld.Token(StateWorld.Now), null)).HttpStatus);
        Assert.Equal(200, (await app.Operators.ApproveAsync("prod", PublisherWorld.Approval(StateWorld.Key(StateWorld.Signer).Fingerprint))).HttpStatus);
    }

    private static async Task<string> PropertiesAsync(BlobContainerClient documents, BlobContainerClient state)
    {
        var etags = new List<string>();
        foreach (var blob in new[] { documents.GetBlobClient(JwksBlob), documents.GetBlobClient(DiscoveryBlob), state.GetBlobClient("prod.json") })
        {
            var properties = (await blob.GetPropertiesAsync()).Value;
            etags.Add($"{blob.Name} {properties.ETag} {properties.LastModified:O}");
        }

        return string.Join("\n", etags);
    }
}
