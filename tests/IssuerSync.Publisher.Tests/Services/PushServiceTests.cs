using System.Text.Json.Nodes;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Services;
using IssuerSync.Storage.State;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Publisher.Tests.Services;

public sealed class PushServiceTests : IDisposable
{
    private readonly PublisherWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task PushAsync_AnswersPendingAndPublishesNothing_OnFirstContact()
    {
        var outcome = await _world.PushAsync(StateWorld.Signer);

        Assert.Equal(202, outcome.HttpStatus);
        Assert.Equal("pending", outcome.Response.Status);
        Assert.Null(outcome.Response.Publish);
        Assert.False(File.Exists(_world.JwksFile()));
        Assert.False(File.Exists(_world.DiscoveryFile()));
    }

    [Fact]
    public async Task ApproveAsync_PublishesTheApprovedKey_JwksBeforeDiscovery()
    {
        await _world.PushAsync(StateWorld.Signer);

        var approved = await _world.App.Operators.ApproveAsync("prod", PublisherWorld.Approval(StateWorld.Key(StateWorld.Signer).Fingerprint));

        Assert.Equal(200, approved.HttpStatus);
        var json = JsonNode.Parse(approved.ToJson())!;
        Assert.Equal("published", (string?)json["publish"]!["status"]);
        Assert.Equal("""[{"name":"jwks","status":"written"},{"name":"discovery","status":"written"}]""", json["publish"]!["documents"]!.ToJsonString());
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer), _world.Served());
        var discovery = JsonNode.Parse(File.ReadAllText(_world.DiscoveryFile()))!;
        Assert.Equal(StateWorld.Issuer, (string?)discovery["issuer"]);
        Assert.Equal(StateWorld.Issuer + "/openid/v1/jwks", (string?)discovery["jwks_uri"]);
    }

    [Fact]
    public async Task PushAsync_PublishesAnAddedKeyAtOnce_WhenATrustedKeySignedIt()
    {
        await _world.EnrolAsync();
        var added = TestKeys.Ec();

        var outcome = await _world.PushAsync(StateWorld.Signer, added);

        Assert.Equal(200, outcome.HttpStatus);
        Assert.Equal("accepted", outcome.Response.Status);
        Assert.Equal(PublishSummary.Published, outcome.Response.Publish!.Status);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer, added), _world.Served());
        Assert.Equal(outcome.Response.Published, outcome.Response.Publish.Kids);
    }

    [Fact]
    public async Task PushAsync_WritesNoDocument_ForAnUnchangedRePush()
    {
        await _world.EnrolAsync();
        var jwksWritten = File.GetLastWriteTimeUtc(_world.JwksFile());
        await Task.Delay(20);

        var outcome = await _world.PushAsync(StateWorld.Signer);

        Assert.Equal(200, outcome.HttpStatus);
        Assert.False(outcome.Response.Changed);
        Assert.Null(outcome.Response.Publish);
        Assert.Equal(jwksWritten, File.GetLastWriteTimeUtc(_world.JwksFile()));
        Assert.DoesNotContain("\"publish\"", System.Text.Encoding.UTF8.GetString(outcome.ToJson()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_LeavesTheDocumentsByteIdentical_WhenThePushIsRefused()
    {
        await _world.EnrolAsync();
        var jwks = _world.Served();
        var discovery = File.ReadAllBytes(_world.DiscoveryFile());
        var state = File.ReadAllBytes(_world.StateFile());
        var forger = TestKeys.Rsa();
        var forged = TestTokens.Sign(forger, TestTokens.Claims(StateWorld.Issuer, StateWorld.Agent, PushProtocol.DefaultAudience, _world.Clock.GetUtcNow()));

        var outcome = await _world.App.Push.PushAsync(StateWorld.Body(_world.Clock.GetUtcNow(), StateWorld.Signer, forger), forged, "198.51.100.1");

        Assert.Equal(401, outcome.HttpStatus);
        Assert.Equal("token_key_untrusted", outcome.Response.Error);
        Assert.Equal(jwks, _world.Served());
        Assert.Equal(discovery, File.ReadAllBytes(_world.DiscoveryFile()));
        Assert.Equal(state, File.ReadAllBytes(_world.StateFile()));
    }

    [Fact]
    public async Task PushAsync_AcceptsAndSaysThePublishFailed_WhenTheTargetCannotBeWritten_AndReconcileCompletesIt()
    {
        await _world.EnrolAsync();
        var added = TestKeys.Ec();
        // A folder where the JWKS file was: no file write can replace it (whoever runs the test, root included).
        File.Delete(_world.JwksFile());
        Directory.CreateDirectory(_world.JwksFile());

        var outcome = await _world.PushAsync(StateWorld.Signer, added);

        Assert.Equal(200, outcome.HttpStatus);
        Assert.Equal("accepted", outcome.Response.Status);
        Assert.Equal(PublishSummary.Failed, outcome.Response.Publish!.Status);
        Assert.Contains("the next reconcile publishes it", outcome.Response.Publish.Message, StringComparison.Ordinal);
        var state = (await _world.Store.ReadAsync("prod"))!.State;
        Assert.Equal(KeyStatus.Active, state.Find(TestKeys.ExpectedKid(added))!.Status);
        Assert.NotNull(state.Publication!.FailedAt);

        Directory.Delete(_world.JwksFile());

        var reconciled = await _world.App.Reconcile.ReconcileIssuerAsync("prod");

        Assert.True(reconciled.Succeeded);
        Assert.Equal(PublishSummary.Published, reconciled.Publish);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer, added), _world.Served());
        Assert.Null((await _world.Store.ReadAsync("prod"))!.State.Publication!.FailedAt);
    }

    [Fact]
    public async Task PushAsync_AnswersStateUnavailable_WhenTheStateDocumentIsCorrupt_AndOtherIssuersStillWork()
    {
        await _world.EnrolAsync();
        File.WriteAllText(_world.StateFile(), "{not json");

        var outcome = await _world.PushAsync(StateWorld.Signer);
        var status = await _world.App.Operators.StatusAsync(null);

        Assert.Equal(503, outcome.HttpStatus);
        Assert.Equal("state_unavailable", outcome.Response.Error);
        var issuers = JsonNode.Parse(status.ToJson())!["issuers"]!.AsArray();
        Assert.Equal("state_unavailable", (string?)issuers[0]!["lastError"]!["code"]);
        Assert.Contains("not valid JSON", (string?)issuers[0]!["lastError"]!["message"], StringComparison.Ordinal);
        Assert.Equal("edge", (string?)issuers[1]!["issuerId"]);
        Assert.Null(issuers[1]!["lastError"]);
    }

    [Fact]
    public async Task PushAsync_AnswersInternalErrorAndWritesNothing_WhenTheStoreFailsUnexpectedly()
    {
        var app = PublisherApp.Create(_world.Settings, new PublisherDependencies { Time = _world.Clock, StateStore = new FailingStateStore() });

        var outcome = await app.Push.PushAsync(StateWorld.Body(_world.Clock.GetUtcNow(), StateWorld.Signer), StateWorld.Token(_world.Clock.GetUtcNow()), null);

        Assert.Equal(500, outcome.HttpStatus);
        Assert.Equal("internal_error", outcome.Response.Error);
        Assert.DoesNotContain("boom", outcome.Response.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_world.JwksFile()));
    }

    /// <summary>A store whose reads fail the way a bug would (not a storage fault): the host must still answer.</summary>
    private sealed class FailingStateStore : IIssuerStateStore
    {
        public string DisplayName => "failing";

        public Task<StateSnapshot?> ReadAsync(string issuerId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("boom");

        public Task<string?> TryWriteAsync(string issuerId, IssuerState state, string? ifMatch, CancellationToken cancellationToken = default) => throw new InvalidOperationException("boom");
    }
}
