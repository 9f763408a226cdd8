using System.Diagnostics;
using System.Diagnostics.Metrics;
using IssuerSync.Agent.Push;
using IssuerSync.Agent.Running;
using IssuerSync.Core.Diagnostics;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Telemetry;

/// <summary>
/// The agent's metrics and spans (docs/observability.md lists each). Free while nothing listens; a host exports them
/// with <see cref="AgentTelemetryExport.FromEnvironment"/>. Tags are outcomes and stable error codes, never a token or a key.
/// </summary>
public static class AgentTelemetry
{
    /// <summary>The name of the agent's <see cref="Meter"/> and <see cref="ActivitySource"/>.</summary>
    public const string Name = "IssuerSync.Agent";

    public const string CycleOutcomeTag = "issuersync.cycle.outcome";
    public const string PushOutcomeTag = "issuersync.push.outcome";
    public const string ErrorTypeTag = "error.type";

    private static readonly ComponentTelemetry Telemetry = new(Name, AgentInfo.Version);

    private static readonly Counter<long> Cycles = Telemetry.Meter.CreateCounter<long>(
        "issuersync.agent.cycles", "{cycle}", "Agent cycles, by outcome (unchanged, pushed, pending, failed) and error.type for a failure.");

    private static readonly Histogram<double> PushDuration = Telemetry.Meter.CreateHistogram(
        "issuersync.agent.push.duration", "s", "Time to push the keys to the publisher, retries included, by outcome (accepted, pending, refused, failed).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    private static readonly Gauge<int> KeysObserved = Telemetry.Meter.CreateGauge<int>(
        "issuersync.agent.keys.observed", "{key}", "Keys the agent read from the API server (or its key files) in its latest cycle.");

    private static readonly Counter<long> TokenFailures = Telemetry.Meter.CreateCounter<long>(
        "issuersync.agent.token.failures", "{failure}", "Failed attempts to get the agent's own token (TokenRequest or projected token file), by error.type.");

    internal static Activity? StartCycle() => Telemetry.Source.StartActivity("issuersync.agent.cycle");

    internal static void CycleEnded(Activity? span, CycleOutcome outcome)
    {
        var result = outcome switch { CycleOutcome.Pushed => "pushed", CycleOutcome.Pending => "pending", _ => "unchanged" };
        Cycles.Add(1, new KeyValuePair<string, object?>(CycleOutcomeTag, result));
        span?.SetTag(CycleOutcomeTag, result).SetStatus(ActivityStatusCode.Ok);
    }

    internal static void CycleFailed(Activity? span, Exception exception)
    {
        var error = ErrorType(exception);
        Cycles.Add(1, new KeyValuePair<string, object?>(CycleOutcomeTag, "failed"), new KeyValuePair<string, object?>(ErrorTypeTag, error));
        span?.SetTag(CycleOutcomeTag, "failed").SetTag(ErrorTypeTag, error).SetStatus(ActivityStatusCode.Error, error);
    }

    internal static void KeysRead(int count) => KeysObserved.Record(count);

    internal static Activity? StartPush() => Telemetry.Source.StartActivity("issuersync.agent.push");

    internal static void Pushed(Activity? span, PushReply result, TimeSpan elapsed)
    {
        var outcome = result.Pending ? PushStatus.Pending : PushStatus.Accepted;
        PushDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(PushOutcomeTag, outcome));
        span?.SetTag(PushOutcomeTag, outcome)
            .SetTag("http.response.status_code", (int)result.StatusCode)
            .SetTag("issuersync.push.attempts", result.Attempts)
            .SetStatus(ActivityStatusCode.Ok);
    }

    internal static void PushFailed(Activity? span, Exception exception, TimeSpan elapsed)
    {
        var outcome = exception is PushRejectedException ? "refused" : "failed";
        var error = ErrorType(exception);
        PushDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(PushOutcomeTag, outcome),
            new KeyValuePair<string, object?>(ErrorTypeTag, error));
        span?.SetTag(PushOutcomeTag, outcome).SetTag(ErrorTypeTag, error).SetStatus(ActivityStatusCode.Error, error);
    }

    internal static void TokenFailed(Exception exception) => TokenFailures.Add(1, new KeyValuePair<string, object?>(ErrorTypeTag, ErrorType(exception)));

    /// <summary>
    /// The publisher's refusal code when it sent a well-formed one, else the exception's type: a bounded set either way
    /// (a code from the wire is only taken when it looks like one, so a misbehaving publisher cannot flood the tags).
    /// </summary>
    internal static string ErrorType(Exception exception)
        => exception is PushRejectedException { Reason: { Length: > 0 and <= 64 } reason }
            && reason.All(c => c is (>= 'a' and <= 'z') or '_' or (>= '0' and <= '9'))
            ? reason
            : exception.GetType().FullName ?? exception.GetType().Name;
}
