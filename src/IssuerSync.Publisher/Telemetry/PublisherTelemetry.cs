using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using IssuerSync.Core.Diagnostics;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.Services;

namespace IssuerSync.Publisher.Telemetry;

/// <summary>
/// The publisher's metrics and spans (docs/observability.md lists each). Instruments cost next to nothing while no
/// listener is attached: a host exports them only when OpenTelemetry is configured (IssuerSync.Publisher.Web's
/// PublisherTelemetryExport). Tags are low-cardinality: registered issuer ids, outcomes and stable error codes —
/// never a token, a key, a fingerprint or an id a caller made up.
/// The gauges read what the services last saw of each issuer's state (push, reconcile, status, operator changes),
/// so a scrape costs no storage read.
/// </summary>
public static class PublisherTelemetry
{
    /// <summary>The name of the publisher's <see cref="Meter"/> and <see cref="ActivitySource"/>.</summary>
    public const string Name = "IssuerSync.Publisher";

    public const string IssuerIdTag = "issuersync.issuer.id";
    public const string ErrorTypeTag = "error.type";
    public const string PushOutcomeTag = "issuersync.push.outcome";
    public const string PublishOutcomeTag = "issuersync.publish.outcome";
    public const string DocumentTag = "issuersync.document";
    public const string ActionTag = "issuersync.operator.action";
    public const string ActionOutcomeTag = "issuersync.operator.outcome";
    public const string ReconcileOutcomeTag = "issuersync.reconcile.outcome";

    private static readonly ComponentTelemetry Telemetry = new(Name, ComponentTelemetry.VersionOf(typeof(PublisherTelemetry).Assembly));
    private static readonly ConcurrentDictionary<string, Observation> Issuers = new(StringComparer.Ordinal);

    private static readonly Counter<long> Pushes = Telemetry.Meter.CreateCounter<long>(
        "issuersync.publisher.pushes", "{push}", "Pushes answered, by outcome (accepted, pending, refused) and refusal code (error.type).");

    private static readonly Histogram<double> PushDuration = Telemetry.Meter.CreateHistogram(
        "issuersync.publisher.push.duration", "s", "Time to answer a push: verify, state update and publish.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> Publishes = Telemetry.Meter.CreateCounter<long>(
        "issuersync.publisher.publishes", "{publish}", "Publishes of an issuer's documents, by outcome (published, unchanged, skipped, failed).");

    private static readonly Counter<long> DocumentsWritten = Telemetry.Meter.CreateCounter<long>(
        "issuersync.publisher.documents.written", "{document}", "Documents written to a target (jwks, discovery); unchanged documents are not counted.");

    private static readonly Counter<long> OperatorActions = Telemetry.Meter.CreateCounter<long>(
        "issuersync.publisher.operator.actions",
        "{action}",
        "Operator requests (approve, revoke, publish, status), by outcome (succeeded, refused, failed) and error code.");

    private static readonly Counter<long> Reconciles = Telemetry.Meter.CreateCounter<long>(
        "issuersync.publisher.reconciles", "{reconcile}", "Reconciles of one issuer, by outcome (unchanged, repaired, retention, skipped, failed).");

    private static readonly ObservableGauge<double> OldestKeyAge = Telemetry.Meter.CreateObservableGauge(
        "issuersync.publisher.key.oldest.age",
        () => Observe(o => o.OldestKey),
        "s",
        "Age of the oldest published key of each issuer (since the publisher first saw it).");

    private static readonly ObservableGauge<double> NewestKeyAge = Telemetry.Meter.CreateObservableGauge(
        "issuersync.publisher.key.newest.age",
        () => Observe(o => o.NewestKey),
        "s",
        "Age of the newest published key of each issuer: time since the last rotation added a key.");

    private static readonly ObservableGauge<double> SinceLastPush = Telemetry.Meter.CreateObservableGauge(
        "issuersync.publisher.push.last_accepted.age",
        () => Observe(o => o.LastAcceptedPush),
        "s",
        "Time since each issuer's agent last had a push accepted (status shows STALE past staleAfter).");

    internal static Activity? StartPush() => Telemetry.Source.StartActivity("issuersync.push");

    /// <summary>A child step of a push: <c>issuersync.push.verify</c> or <c>issuersync.push.state</c>.</summary>
    internal static Activity? StartPushStep(string name) => Telemetry.Source.StartActivity(name);

    internal static void Pushed(Activity? span, PushOutcome outcome, TimeSpan elapsed)
    {
        var response = outcome.Response;
        var result = response.Error is not null ? "refused" : response.Status == PushStatus.Pending ? PushStatus.Pending : PushStatus.Accepted;
        var tags = new TagList { { PushOutcomeTag, result } };
        if (outcome.IssuerId is { } id)
        {
            tags.Add(IssuerIdTag, id);
        }

        if (response.Error is { } code)
        {
            tags.Add(ErrorTypeTag, code);
        }

        Pushes.Add(1, tags);
        PushDuration.Record(elapsed.TotalSeconds, tags);
        End(span, tags, response.Error, ("http.response.status_code", outcome.HttpStatus));
    }

    internal static Activity? StartPublish(string issuerId) => Telemetry.Source.StartActivity("issuersync.publish")?.SetTag(IssuerIdTag, issuerId);

    internal static void Published(Activity? span, string issuerId, PublishSummary summary)
    {
        var tags = new TagList { { IssuerIdTag, issuerId }, { PublishOutcomeTag, summary.Status } };
        Publishes.Add(1, tags);
        foreach (var document in summary.Documents)
        {
            if (document.Status == "written")
            {
                DocumentsWritten.Add(1, new TagList { { IssuerIdTag, issuerId }, { DocumentTag, document.Name } });
            }
        }

        End(span, tags, summary.Status == PublishSummary.Failed ? PublisherErrorCodes.PublishFailed : null);
    }

    /// <param name="issuerId">A registered issuer's id, or null (an id nobody registered is never a tag).</param>
    internal static Activity? StartOperatorAction(string action, string? issuerId)
        => Telemetry.Source.StartActivity("issuersync.operator." + action)?.SetTag(ActionTag, action).SetTag(IssuerIdTag, issuerId);

    internal static void OperatorActed(Activity? span, string action, string? issuerId, OperatorOutcome outcome)
    {
        var code = (outcome.Body as OperatorResponse)?.Error;
        var tags = new TagList
        {
            { ActionTag, action },
            { ActionOutcomeTag, outcome.HttpStatus < 400 ? "succeeded" : outcome.HttpStatus < 500 ? "refused" : "failed" },
        };
        if (issuerId is not null)
        {
            tags.Add(IssuerIdTag, issuerId);
        }

        if (code is not null)
        {
            tags.Add(ErrorTypeTag, code);
        }

        OperatorActions.Add(1, tags);
        End(span, tags, code, ("http.response.status_code", outcome.HttpStatus));
    }

    internal static Activity? StartReconcile(string? issuerId) => Telemetry.Source.StartActivity("issuersync.reconcile")?.SetTag(IssuerIdTag, issuerId);

    /// <param name="registered">False when the id names no registered issuer (then it is not a tag).</param>
    internal static void Reconciled(Activity? span, ReconcileOutcome outcome, bool registered)
    {
        var result = !outcome.Succeeded ? "failed"
            : outcome.Publish == PublishSummary.Published ? (outcome.StateChanged ? "retention" : "repaired")
            : outcome.Publish == PublishSummary.Skipped ? "skipped"
            : "unchanged";
        var tags = new TagList { { ReconcileOutcomeTag, result } };
        if (registered)
        {
            tags.Add(IssuerIdTag, outcome.IssuerId);
        }

        if (!outcome.Succeeded)
        {
            tags.Add(ErrorTypeTag, outcome.Transient ? "transient" : "permanent");
        }

        Reconciles.Add(1, tags);
        End(span, tags, outcome.Succeeded ? null : result);
    }

    /// <summary>Remembers what the gauges report for the issuer: call wherever a service holds a fresh state.</summary>
    internal static void Observed(IssuerState state, TimeProvider time)
    {
        DateTimeOffset? oldest = null, newest = null;
        foreach (var key in state.Keys)
        {
            if (key.IsPublished)
            {
                oldest = oldest is null || key.FirstSeen < oldest ? key.FirstSeen : oldest;
                newest = newest is null || key.FirstSeen > newest ? key.FirstSeen : newest;
            }
        }

        Issuers[state.IssuerId] = new Observation(time, oldest, newest, state.LastAcceptedPushAt);
    }

    private static IEnumerable<Measurement<double>> Observe(Func<Observation, DateTimeOffset?> since)
    {
        foreach (var (issuerId, observation) in Issuers)
        {
            if (since(observation) is { } then)
            {
                yield return new Measurement<double>(
                    Math.Max(0, (observation.Time.GetUtcNow() - then).TotalSeconds),
                    new KeyValuePair<string, object?>(IssuerIdTag, issuerId));
            }
        }
    }

    private static void End(Activity? span, in TagList tags, string? error, (string Name, int Value)? status = null)
    {
        if (span is null)
        {
            return;
        }

        foreach (var tag in tags)
        {
            span.SetTag(tag.Key, tag.Value);
        }

        if (status is { } s)
        {
            span.SetTag(s.Name, s.Value);
        }

        span.SetStatus(error is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error);
    }

    private sealed record Observation(TimeProvider Time, DateTimeOffset? OldestKey, DateTimeOffset? NewestKey, DateTimeOffset? LastAcceptedPush);
}
