using System.Diagnostics;
using System.Net;
using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Push;
using IssuerSync.Agent.Running;
using IssuerSync.Agent.Telemetry;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Push;
using IssuerSync.Agent.Tests.Running;
using IssuerSync.Testing.Telemetry;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Agent.Tests.Telemetry;

/// <summary>The agent's cycles against the fake kube-apiserver and the recording publisher, as its metrics and spans tell them.</summary>
[Collection(AgentTelemetryCollection.Name)]
public sealed class AgentTelemetryTests : AgentRunnerWorldTests
{
    private readonly TelemetryRecorder _telemetry = new(AgentTelemetry.Name);

    public override async Task DisposeAsync()
    {
        _telemetry.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task CycleAsync_RecordsPushedThenUnchanged_TheKeysObservedAndThePushDuration()
    {
        Api.Keys.Add(TestKeys.Ec());
        var runner = Runner(pushOptions: OneAttempt);

        await runner.CycleAsync();
        await runner.CycleAsync();

        Assert.Equal(["pushed", "unchanged"], _telemetry.Of("issuersync.agent.cycles").Select(m => m.Tag(AgentTelemetry.CycleOutcomeTag)));
        Assert.All(_telemetry.Of("issuersync.agent.cycles"), m => Assert.Equal(("{cycle}", 1.0), (m.Unit, m.Value)));
        Assert.Equal([2.0, 2.0], _telemetry.Of("issuersync.agent.keys.observed").Select(m => m.Value));
        var duration = Assert.Single(_telemetry.Of("issuersync.agent.push.duration"));
        Assert.Equal(("s", "accepted"), (duration.Unit, duration.Tag(AgentTelemetry.PushOutcomeTag)));
        Assert.Empty(_telemetry.Of("issuersync.agent.token.failures"));
    }

    [Fact]
    public async Task CycleAsync_RecordsOneSpanPerCycle_WithThePushAsItsChild()
    {
        var runner = Runner(pushOptions: OneAttempt);

        await runner.CycleAsync();
        await runner.CycleAsync();

        var cycles = _telemetry.Spans.Where(s => s.OperationName == "issuersync.agent.cycle").ToArray();
        Assert.Equal(["pushed", "unchanged"], cycles.Select(s => s.GetTagItem(AgentTelemetry.CycleOutcomeTag)));
        Assert.All(cycles, s => Assert.Equal((ActivityStatusCode.Ok, default(ActivitySpanId)), (s.Status, s.ParentSpanId)));
        var push = Assert.Single(_telemetry.Spans, s => s.OperationName == "issuersync.agent.push");
        Assert.Equal((cycles[0].SpanId, "accepted", 200, 1), (push.ParentSpanId, push.GetTagItem(AgentTelemetry.PushOutcomeTag), push.GetTagItem("http.response.status_code"), push.GetTagItem("issuersync.push.attempts")));
    }

    [Fact]
    public async Task CycleAsync_RecordsPending_WhenThePublisherAwaitsApproval()
    {
        Publisher.Reply(HttpStatusCode.Accepted, """{"status":"pending","changed":true,"published":[],"pending":["k"]}""");

        Assert.Equal(CycleOutcome.Pending, await Runner(pushOptions: OneAttempt).CycleAsync());

        Assert.Equal("pending", Assert.Single(_telemetry.Of("issuersync.agent.cycles")).Tag(AgentTelemetry.CycleOutcomeTag));
        Assert.Equal("pending", Assert.Single(_telemetry.Of("issuersync.agent.push.duration")).Tag(AgentTelemetry.PushOutcomeTag));
    }

    [Fact]
    public async Task CycleAsync_RecordsTheRefusalCode_WhenThePublisherRefusesThePush()
    {
        Publisher.Reply(HttpStatusCode.Unauthorized, """{"error":"token_key_untrusted","message":"not signed by a trusted key"}""");

        await Assert.ThrowsAsync<PushRejectedException>(() => Runner(pushOptions: OneAttempt).CycleAsync());

        var cycle = Assert.Single(_telemetry.Of("issuersync.agent.cycles"));
        Assert.Equal(("failed", "token_key_untrusted"), (cycle.Tag(AgentTelemetry.CycleOutcomeTag), cycle.Tag(AgentTelemetry.ErrorTypeTag)));
        var push = Assert.Single(_telemetry.Of("issuersync.agent.push.duration"));
        Assert.Equal(("refused", "token_key_untrusted"), (push.Tag(AgentTelemetry.PushOutcomeTag), push.Tag(AgentTelemetry.ErrorTypeTag)));
        var span = Assert.Single(_telemetry.Spans, s => s.OperationName == "issuersync.agent.cycle");
        Assert.Equal((ActivityStatusCode.Error, "token_key_untrusted"), (span.Status, span.StatusDescription));
    }

    [Theory]
    [InlineData("""{"error":"Token_Key","message":"upper case"}""")]
    [InlineData("""{"error":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln","message":"a token-looking code"}""")]
    [InlineData("""{"error":"a code with spaces","message":"free text"}""")]
    public async Task CycleAsync_RecordsTheExceptionType_WhenTheRefusalCodeIsNotAStableCode(string answer)
    {
        Publisher.Reply(HttpStatusCode.BadRequest, answer);

        await Assert.ThrowsAsync<PushRejectedException>(() => Runner(pushOptions: OneAttempt).CycleAsync());

        Assert.Equal(typeof(PushRejectedException).FullName, Assert.Single(_telemetry.Of("issuersync.agent.cycles")).Tag(AgentTelemetry.ErrorTypeTag));
    }

    [Fact]
    public async Task CycleAsync_RecordsATokenFailureAndAFailedCycle_WhenTheTokenRequestIsForbidden()
    {
        Api.Failures["token"] = HttpStatusCode.Forbidden;

        await Assert.ThrowsAsync<IssuerSyncException>(() => Runner(pushOptions: OneAttempt).CycleAsync());

        var failure = Assert.Single(_telemetry.Of("issuersync.agent.token.failures"));
        Assert.Equal(("{failure}", typeof(IssuerSyncException).FullName), (failure.Unit, failure.Tag(AgentTelemetry.ErrorTypeTag)));
        Assert.Equal("failed", Assert.Single(_telemetry.Of("issuersync.agent.cycles")).Tag(AgentTelemetry.CycleOutcomeTag));
        Assert.Empty(Publisher.Pushes);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://127.0.0.1:4318", null, true)]
    [InlineData(null, "http://127.0.0.1:4318/v1/traces", true)]
    [InlineData("http://127.0.0.1:4318", "true", false)]
    public void IsConfigured_ExportsOnlyWhenAnEndpointIsSetAndTheSdkIsNotDisabled(string? endpoint, string? other, bool expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            [other == "true" ? "OTEL_SDK_DISABLED" : "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = other,
        };

        Assert.Equal(expected, AgentTelemetryExport.IsConfigured(name => settings.GetValueOrDefault(name)));
        Assert.Equal(expected, AgentTelemetryExport.Start(name => settings.GetValueOrDefault(name)) is { } started && Disposed(started));
    }

    private static bool Disposed(IDisposable export)
    {
        export.Dispose();
        return true;
    }

    private static PushClientOptions OneAttempt => new() { MaxAttempts = 1 };
}
