using Azure.Storage.Blobs.Models;
using IssuerSync.Core.Rotation;
using IssuerSync.Storage.State;
using IssuerSync.Storage.State.Azure;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Storage.Tests.State;

[Collection(Azure.AzuriteCollection.Name)]
public sealed class AzureBlobStateStoreTests
{
    private readonly AzuriteFixture _azurite;

    public AzureBlobStateStoreTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task TryWriteAsync_CreatesAPrivateContainerAndTheDocument_WhenNoneExists()
    {
        var container = _azurite.NewContainer();
        var store = new AzureBlobStateStore(container, "issuers/");

        var etag = await store.TryWriteAsync("prod", StateWorld.Trusted(), ifMatch: null);

        var blob = container.GetBlobClient("issuers/prod.json");
        var content = await blob.DownloadContentAsync();
        Assert.Equal(IssuerStateJson.Write(StateWorld.Trusted()), content.Value.Content.ToArray());
        Assert.Equal("application/json", content.Value.Details.ContentType);
        Assert.Equal(etag, content.Value.Details.ETag.ToString());
        Assert.Equal(PublicAccessType.None, (await container.GetPropertiesAsync()).Value.PublicAccess);
        Assert.Equal(etag, (await store.ReadAsync("prod"))!.ETag);
    }

    [Fact]
    public async Task TryWriteAsync_ReportsConflicts_ForAnExistingDocumentOrAStaleETag()
    {
        var store = new AzureBlobStateStore(_azurite.NewContainer());
        var first = await store.TryWriteAsync("prod", StateWorld.Trusted(), ifMatch: null);
        var second = await store.TryWriteAsync("prod", StateWorld.Trusted() with { LastObservedAt = StateWorld.Now }, first);

        var create = await store.TryWriteAsync("prod", IssuerState.New("prod", StateWorld.Issuer), ifMatch: null);
        var stale = await store.TryWriteAsync("prod", IssuerState.New("prod", StateWorld.Issuer), first);

        Assert.NotNull(second);
        Assert.Null(create);
        Assert.Null(stale);
        Assert.Equal(StateWorld.Now, (await store.ReadAsync("prod"))!.State.LastObservedAt);
    }

    [Fact]
    public async Task ReadAsync_ReturnsNull_WhenTheContainerDoesNotExist()
    {
        Assert.Null(await new AzureBlobStateStore(_azurite.NewContainer()).ReadAsync("prod"));
    }
}
