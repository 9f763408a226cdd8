using System.Diagnostics;
using IssuerSync.Core.Push;
using IssuerSync.Publisher.Telemetry;
using IssuerSync.Publisher.Tests.Services;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using IssuerSync.Testing.Telemetry;

namespace IssuerSync.Publisher.Tests.Telemetry;

/// <summary>
/// What an operator's dashboard sees of real pushes, operator actions and reconciles through the publisher (state and
/// documents in folders): the measurements and spans of IssuerSync.Publisher, heard as the OpenTelemetry SDK hears them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PublisherTelemetryTests : IDisposable
{
    private readonly string _id = "otel" + Guid.NewGuid().ToString("N")[..8];
    private readonly TelemetryRecorder _telemetry = new(PublisherTelemetry.Name);
    private readonly PublisherWorld _world;

    public PublisherTelemetryTests() => _world = new PublisherWorld(r => r with { Id = _id });

    public void Dispose()
    {
        _telemetry.Dispose();
        _world.Dispose();
    }

    [Fact]
    public async Task PushAsync_RecordsAnAcceptedPushAndAPushSpanWithVerifyStateAndPublishChildren_WhenATrustedKeyAddsAKey()
    {
        await EnrolAsync();

        var outcome = await _world.PushAsync(StateWorld.Signer, TestKeys.Ec());

        Assert.Equal(200, outcome.HttpStatus);
        Assert.Equal(
            [("pending", null), ("accepted", null)],
            Mine("issuersync.publisher.pushes").Select(m => (m.Tag(PublisherTelemetry.PushOutcomeTag), m.Tag(PublisherTelemetry.ErrorTypeTag))));
        Assert.All(Mine("issuersync.publisher.pushes"), m => Assert.Equal(("{push}", 1.0), (m.Unit, m.Value)));
        Assert.Equal("s", Assert.Single(Mine("issuersync.publisher.push.duration"), m => m.Tag(PublisherTelemetry.PushOutcomeTag) == "accepted").Unit);

        var push = _telemetry.Spans.Last(s => s.OperationName == "issuersync.push");
        Assert.Equal((ActivityStatusCode.Ok, "accepted", _id, 200), (push.Status, push.GetTagItem(PublisherTelemetry.PushOutcomeTag), push.GetTagItem(PublisherTelemetry.IssuerIdTag), push.GetTagItem("http.response.status_code")));
        var children = _telemetry.Spans.Where(s => s.ParentSpanId == push.SpanId).OrderBy(s => s.StartTimeUtc).Select(s => s.OperationName);
        Assert.Equal(["issuersync.push.verify", "issuersync.push.state", "issuersync.publish"], children);
        var publish = _telemetry.Spans.Single(s => s.ParentSpanId == push.SpanId && s.OperationName == "issuersync.publish");
        Assert.Equal(PublishSummary.Published, publish.GetTagItem(PublisherTelemetry.PublishOutcomeTag));
    }

    [Fact]
    public async Task PushAsync_RecordsPublishesAndEachDocumentWritten_JwksAndDiscovery()
    {
        await EnrolAsync();
        await _world.PushAsync(StateWorld.Signer, TestKeys.Ec());
        await _world.PushAsync(StateWorld.Signer);

        // Approve published both documents, the added key both again; the unchanged re-push publishes nothing.
        Assert.Equal(["published", "published"], Mine("issuersync.publisher.publishes").Select(m => m.Tag(PublisherTelemetry.PublishOutcomeTag)));
        Assert.Equal(["jwks", "discovery", "jwks", "discovery"], Mine("issuersync.publisher.documents.written").Select(m => m.Tag(PublisherTelemetry.DocumentTag)));
    }

    [Fact]
    public async Task PushAsync_RecordsTheRefusalCodeOnTheCounterAndTheSpan_WhenAForgedTokenSignsThePush()
    {
        await EnrolAsync();
        var forger = TestKeys.Rsa();
        var forged = TestTokens.Sign(forger, TestTokens.Claims(StateWorld.Issuer, StateWorld.Agent, PushProtocol.DefaultAudience, _world.Clock.GetUtcNow()));

        var outcome = await _world.App.Push.PushAsync(StateWorld.Body(_world.Clock.GetUtcNow(), StateWorld.Signer, forger), forged, "198.51.100.1");

        Assert.Equal((401, "token_key_untrusted"), (outcome.HttpStatus, outcome.Response.Error));
        var refused = Assert.Single(Mine("issuersync.publisher.pushes"), m => m.Tag(PublisherTelemetry.PushOutcomeTag) == "refused");
        Assert.Equal("token_key_untrusted", refused.Tag(PublisherTelemetry.ErrorTypeTag));
        var span = _telemetry.Spans.Last(s => s.OperationName == "issuersync.push");
        Assert.Equal((ActivityStatusCode.Error, "token_key_untrusted", "token_key_untrusted", 401), (span.Status, span.StatusDescription, span.GetTagItem(PublisherTelemetry.ErrorTypeTag), span.GetTagItem("http.response.status_code")));
        Assert.DoesNotContain(_telemetry.Spans, s => s.ParentSpanId == span.SpanId && s.OperationName == "issuersync.publish");
    }

    [Theory]
    [InlineData("token_missing")]
    [InlineData("token_malformed")]
    [InlineData("token_audience_invalid")]
    [InlineData("token_expired")]
    public async Task PushAsync_RecordsEachRefusalUnderItsOwnCode_AndNoTokenInAnyTag(string code)
    {
        await EnrolAsync();
        var now = _world.Clock.GetUtcNow();
        var token = code switch
        {
            "token_missing" => null,
            "token_malformed" => "not.a-token",
            "token_audience_invalid" => TestTokens.Sign(StateWorld.Signer, TestTokens.Claims(StateWorld.Issuer, StateWorld.Agent, "someone-else", now)),
            _ => TestTokens.Sign(StateWorld.Signer, TestTokens.Claims(StateWorld.Issuer, StateWorld.Agent, PushProtocol.DefaultAudience, now.AddHours(-2))),
        };

        var outcome = await _world.App.Push.PushAsync(StateWorld.Body(now, StateWorld.Signer), token, "198.51.100.1");

        Assert.Equal(code, outcome.Response.Error);
        var refused = _telemetry.Of("issuersync.publisher.pushes").Last();
        Assert.Equal(("refused", code), (refused.Tag(PublisherTelemetry.PushOutcomeTag), refused.Tag(PublisherTelemetry.ErrorTypeTag)));
        var span = _telemetry.Spans.Last(s => s.OperationName == "issuersync.push");
        Assert.Equal((ActivityStatusCode.Error, code), (span.Status, span.GetTagItem(PublisherTelemetry.ErrorTypeTag)));
        if (token is not null)
        {
            Assert.DoesNotContain(_telemetry.Measurements.SelectMany(m => m.Tags.Values).Concat(_telemetry.Spans.SelectMany(s => s.TagObjects.Select(t => t.Value))), v => v is string s && s.Contains(token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OperatorActions_AreCountedByActionAndOutcome_WithTheRefusalCode()
    {
        await EnrolAsync();
        var revoke = await _world.App.Operators.RevokeAsync(_id, """{"kid": "no-such-kid", "operator": "alice"}"""u8.ToArray());
        var unknown = await _world.App.Operators.StatusAsync("nobody-registered-this");

        Assert.Equal((409, 404), (revoke.HttpStatus, unknown.HttpStatus));
        var actions = _telemetry.Of("issuersync.publisher.operator.actions")
            .Select(m => (m.Tag(PublisherTelemetry.ActionTag), m.Tag(PublisherTelemetry.ActionOutcomeTag), m.Tag(PublisherTelemetry.ErrorTypeTag), m.Tag(PublisherTelemetry.IssuerIdTag)));
        Assert.Equal(
            [("approve", "succeeded", null, _id), ("revoke", "refused", "unknown_kid", _id), ("status", "refused", "issuer_unknown", null)],
            actions);
        var span = _telemetry.Spans.Single(s => s.OperationName == "issuersync.operator.revoke");
        Assert.Equal((ActivityStatusCode.Error, "unknown_kid"), (span.Status, span.GetTagItem(PublisherTelemetry.ErrorTypeTag)));
    }

    [Fact]
    public async Task ReconcileIssuerAsync_RecordsRepaired_WhenSomeoneDeletedTheJwks_AndUnchangedNextTime()
    {
        await EnrolAsync();
        File.Delete(_world.JwksFile());

        var repaired = await _world.App.Reconcile.ReconcileIssuerAsync(_id);
        var unchanged = await _world.App.Reconcile.ReconcileIssuerAsync(_id);

        Assert.Equal((PublishSummary.Published, PublishSummary.Unchanged), (repaired.Publish, unchanged.Publish));
        Assert.Equal(["repaired", "unchanged"], Mine("issuersync.publisher.reconciles").Select(m => m.Tag(PublisherTelemetry.ReconcileOutcomeTag)));
        var spans = _telemetry.Spans.Where(s => s.OperationName == "issuersync.reconcile").ToArray();
        Assert.Equal(2, spans.Length);
        Assert.All(spans, s => Assert.Single(_telemetry.Spans, c => c.ParentSpanId == s.SpanId && c.OperationName == "issuersync.publish"));
    }

    [Fact]
    public async Task ReconcileIssuerAsync_RecordsAFailureWithoutTheUnknownIdAsATag()
    {
        var outcome = await _world.App.Reconcile.ReconcileIssuerAsync("never-registered");

        Assert.False(outcome.Succeeded);
        var failed = Assert.Single(_telemetry.Of("issuersync.publisher.reconciles"));
        Assert.Equal(("failed", "permanent", null), (failed.Tag(PublisherTelemetry.ReconcileOutcomeTag), failed.Tag(PublisherTelemetry.ErrorTypeTag), failed.Tag(PublisherTelemetry.IssuerIdTag)));
    }

    [Fact]
    public async Task Gauges_ReportKeyAgesAndTimeSinceTheLastAcceptedPush_FromWhatTheServicesSaw()
    {
        await EnrolAsync(); // the signer first seen at Now, approved, clock at Now + 1 min
        _world.Clock.Advance(TimeSpan.FromMinutes(9));
        await _world.PushAsync(StateWorld.Signer, TestKeys.Ec()); // a key first seen at Now + 10 min; push accepted then
        _world.Clock.Advance(TimeSpan.FromMinutes(5));

        _telemetry.Scrape();

        Assert.Equal(15 * 60, Gauge("issuersync.publisher.key.oldest.age"));
        Assert.Equal(5 * 60, Gauge("issuersync.publisher.key.newest.age"));
        Assert.Equal(5 * 60, Gauge("issuersync.publisher.push.last_accepted.age"));
        Assert.All(Mine("issuersync.publisher.key.oldest.age"), m => Assert.Equal("s", m.Unit));
    }

    [Fact]
    public async Task Gauges_ReportNoKeyAge_ForAnIssuerStillEnrolling()
    {
        await _world.PushAsync(StateWorld.Signer);

        _telemetry.Scrape();

        Assert.Empty(Mine("issuersync.publisher.key.oldest.age"));
        Assert.Equal(0, Gauge("issuersync.publisher.push.last_accepted.age"));
    }

    private IEnumerable<RecordedMeasurement> Mine(string instrument) => _telemetry.Of(instrument).Where(m => m.Tag(PublisherTelemetry.IssuerIdTag) == _id);

    private double Gauge(string instrument) => Mine(instrument).Last().Value;

    private async Task EnrolAsync()
    {
        Assert.Equal(202, (await _world.PushAsync(StateWorld.Signer)).HttpStatus);
        Assert.Equal(200, (await _world.App.Operators.ApproveAsync(_id, PublisherWorldApproval.For(StateWorld.Signer))).HttpStatus);
        _world.Clock.Advance(TimeSpan.FromMinutes(1));
    }
}
