using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.State;
using IssuerSync.Storage.State.Azure;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.State;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStatePushTests
{
    private readonly AzuriteFixture _azurite;

    public AzureStatePushTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task HandleAsync_LosesNoUpdate_WhenFiftyPushesRace()
    {
        var store = new AzureBlobStateStore(_azurite.NewContainer());
        await store.TryWriteAsync("prod", StateWorld.Trusted(), null);
        var handler = new PushHandler(StateWorld.Registry, store, new FakeTimeProvider(StateWorld.Now));
        var added = Enumerable.Range(0, 50).Select(_ => TestKeys.Ec()).ToArray();
        var pushes = added.Select(key => (Body: StateWorld.Body(StateWorld.Now, StateWorld.Signer, key), Token: StateWorld.Token(StateWorld.Now))).ToArray();

        var results = await Task.WhenAll(pushes.Select(p => Task.Run(() => handler.HandleAsync(p.Body, p.Token, "192.0.2.7"))));

        Assert.All(results, r => Assert.Equal(200, r.HttpStatus));
        var state = (await store.ReadAsync("prod"))!.State;
        Assert.Equal(50, state.Tokens.Count);
        Assert.Equal(50, state.History.Count(h => h.Action == HistoryAction.Pushed));
        Assert.All(added, key => Assert.NotNull(state.Find(TestKeys.ExpectedKid(key))));
        // Each push listed the signer and one new key: the last one committed is active, the 49 others retained.
        Assert.Equal(49, state.Keys.Count(k => k.Status == KeyStatus.Retained));
        Assert.Equal(2, state.Keys.Count(k => k.Status == KeyStatus.Active));
        Assert.Equal(51, state.PublishedKids.Count);
    }
}
