using IssuerSync.Core.Push;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Publisher.Tests.Services;

public sealed class ReconcileServiceTests : IDisposable
{
    private readonly PublisherWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ReconcileIssuerAsync_DropsAKeyPastItsRetentionWindow_AndRepublishes()
    {
        await _world.EnrolAsync();
        var next = TestKeys.Ec();
        await _world.PushAsync(StateWorld.Signer, next);
        _world.Clock.Advance(TimeSpan.FromMinutes(1));
        var signedByNext = TestTokens.Sign(next, TestTokens.Claims(StateWorld.Issuer, StateWorld.Agent, PushProtocol.DefaultAudience, _world.Clock.GetUtcNow()));
        Assert.Equal(200, (await _world.App.Push.PushAsync(StateWorld.Body(_world.Clock.GetUtcNow(), next), signedByNext, null)).HttpStatus);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer, next), _world.Served());

        var early = await _world.App.Reconcile.ReconcileIssuerAsync("prod");
        _world.Clock.Advance(_world.Registration.RetentionWindow + TimeSpan.FromMinutes(1));
        var late = await _world.App.Reconcile.ReconcileIssuerAsync("prod");

        Assert.Equal((true, PublishSummary.Unchanged, false), (early.Succeeded, early.Publish, early.StateChanged));
        Assert.Equal((true, PublishSummary.Published, true), (late.Succeeded, late.Publish, late.StateChanged));
        Assert.Equal(PublisherWorld.JwksOf(next), _world.Served());
    }

    [Fact]
    public async Task ReconcileIssuerAsync_RestoresADocumentSomeoneElseOverwrote()
    {
        await _world.EnrolAsync();
        File.WriteAllText(_world.JwksFile(), """{"keys":[]}""");

        var outcome = await _world.App.Reconcile.ReconcileIssuerAsync("prod");

        Assert.Equal(PublishSummary.Published, outcome.Publish);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer), _world.Served());
    }

    [Fact]
    public async Task ReconcileAllAsync_ReportsACorruptStateAsPermanent_AndStillReconcilesTheOthers()
    {
        await _world.EnrolAsync();
        File.WriteAllText(_world.StateFile("edge"), """{"schemaVersion": 1, "issuerId": "edge", """);
        File.Delete(_world.JwksFile());

        var outcomes = await _world.App.Reconcile.ReconcileAllAsync(4);

        var prod = Assert.Single(outcomes, o => o.IssuerId == "prod");
        var edge = Assert.Single(outcomes, o => o.IssuerId == "edge");
        Assert.Equal((true, PublishSummary.Published), (prod.Succeeded, prod.Publish));
        Assert.False(edge.Succeeded);
        Assert.False(edge.Transient);
        Assert.Contains("the state document is not valid JSON", edge.Summary, StringComparison.Ordinal);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer), _world.Served());
    }

    [Fact]
    public async Task ReconcileIssuerAsync_SkipsAnIssuerWithNoApprovedKey()
    {
        await _world.PushAsync(StateWorld.Signer);

        var outcome = await _world.App.Reconcile.ReconcileIssuerAsync("prod");

        Assert.Equal((true, PublishSummary.Skipped), (outcome.Succeeded, outcome.Publish));
        Assert.False(File.Exists(_world.JwksFile()));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("")]
    [InlineData("PROD")]
    public async Task ReconcileIssuerAsync_DropsAMessageForAnUnknownIssuer(string id)
    {
        var outcome = await _world.App.Reconcile.ReconcileIssuerAsync(id);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Transient);
        Assert.Contains("message dropped", outcome.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuerIds_ListsEveryRegisteredIssuer_InRegistrationOrder()
    {
        Assert.Equal(["prod", "edge"], _world.App.Reconcile.IssuerIds);
    }
}
