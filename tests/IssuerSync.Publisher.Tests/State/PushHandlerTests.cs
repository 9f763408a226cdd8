using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.State;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.State;

public sealed class PushHandlerTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly DirectoryStateStore _store;
    private readonly FakeTimeProvider _clock = new(StateWorld.Now);
    private readonly PushHandler _handler;

    public PushHandlerTests()
    {
        _store = new DirectoryStateStore(_folder.Path);
        _handler = new PushHandler(StateWorld.Registry, _store, _clock);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task HandleAsync_RecordsTheNewKey_AndAnswersAccepted()
    {
        await _store.TryWriteAsync("prod", StateWorld.Trusted(), null);
        var added = TestKeys.Ec();

        var result = await _handler.HandleAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer, added), StateWorld.Token(StateWorld.Now), "192.0.2.7");

        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("accepted", result.Response.Status);
        Assert.True(result.Response.Changed);
        var stored = (await _store.ReadAsync("prod"))!.State;
        Assert.Equal(KeyStatus.Active, stored.Find(TestKeys.ExpectedKid(added))!.Status);
        Assert.Equal("192.0.2.7", stored.History.Single(h => h.Action == HistoryAction.Pushed).By.Source);
    }

    [Fact]
    public async Task HandleAsync_StoresPendingKeys_OnFirstContact()
    {
        var result = await _handler.HandleAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer), StateWorld.Token(StateWorld.Now), "192.0.2.7");

        Assert.Equal(202, result.HttpStatus);
        Assert.Equal([TestKeys.ExpectedKid(StateWorld.Signer)], result.Response.Pending);
        Assert.Equal([TestKeys.ExpectedKid(StateWorld.Signer)], (await _store.ReadAsync("prod"))!.State.PendingKids);
    }

    [Fact]
    public async Task HandleAsync_WritesNothing_WhenThePushIsRefused()
    {
        await _store.TryWriteAsync("prod", StateWorld.Trusted(), null);
        var before = await File.ReadAllBytesAsync(_folder.File("prod.json"));

        var result = await _handler.HandleAsync(StateWorld.Body(StateWorld.Now, TestKeys.Ec()), "eyJhbGciOiJub25lIn0.e30.", "192.0.2.7");

        Assert.Equal(401, result.HttpStatus);
        Assert.Equal("token_algorithm_not_allowed", result.Response.Error);
        Assert.Equal(before, await File.ReadAllBytesAsync(_folder.File("prod.json")));
    }

    [Fact]
    public async Task HandleAsync_Throws_WhenTheStateDocumentIsCorrupt()
    {
        _folder.Write("prod.json", "{not json");

        await Assert.ThrowsAsync<StateFormatException>(() => _handler.HandleAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer), StateWorld.Token(StateWorld.Now), "192.0.2.7"));
    }

    [Fact]
    public async Task Operations_ApproveThenReconcile_PublishAndLaterDropARemovedKey()
    {
        var operations = new IssuerStateOperations(_store, _clock);
        await _handler.HandleAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer), StateWorld.Token(StateWorld.Now), null);

        var approved = await operations.ApproveAsync(StateWorld.Prod, [StateWorld.Key(StateWorld.Signer).Fingerprint], "alice");
        var rotatedTo = TestKeys.Ec();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _handler.HandleAsync(StateWorld.Body(_clock.GetUtcNow(), rotatedTo, StateWorld.Signer), StateWorld.Token(_clock.GetUtcNow()), null);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var dropSigner = await _handler.HandleAsync(StateWorld.Body(_clock.GetUtcNow(), rotatedTo), StateWorld.Token(_clock.GetUtcNow()), null);
        _clock.Advance(StateWorld.Prod.RetentionWindow + TimeSpan.FromMinutes(1));
        var reconciled = await operations.ReconcileAsync(StateWorld.Prod);

        Assert.False(approved.Refused);
        Assert.Equal(200, dropSigner.HttpStatus);
        // The signer still signed the latest push: it stays published past its window.
        Assert.Empty(reconciled.Added);
        Assert.Equal(
            new[] { TestKeys.ExpectedKid(rotatedTo), TestKeys.ExpectedKid(StateWorld.Signer) }.Order(StringComparer.Ordinal),
            (await operations.ReadAsync(StateWorld.Prod)).PublishedKids);
    }
}
