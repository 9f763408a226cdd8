using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Hosting;
using IssuerSync.Publisher.State;
using IssuerSync.Publisher.Telemetry;
using IssuerSync.Storage.Publishing;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Publishing;

/// <summary>
/// Publishes what an issuer's state says to serve, and records the outcome in the state when it changed.
/// Renders from the state it is given, then re-reads the state: when another writer changed the published keys
/// meanwhile it publishes again, so the documents left behind are the newest state's (not a slower writer's).
/// Never throws for a storage failure: it answers "failed" with the cause, which the next reconcile repairs.
/// </summary>
internal sealed partial class IssuerPublisher(
    IPublishTargetProvider targets,
    IReadOnlyList<IssuerSettings> issuers,
    IssuerStateUpdater updater,
    IssuerStateOperations operations,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxRounds = 3;

    /// <param name="state">The state to publish (e.g. the one a push just wrote); null: read it first.</param>
    /// <param name="fullCheck">Check both documents' properties, not only the discovery document's pair record (reconcile:
    /// finds a JWKS deleted or overwritten behind the publisher's back).</param>
    public async Task<PublishSummary> PublishAsync(IssuerSettings issuer, IssuerState? state, bool fullCheck, CancellationToken cancellationToken)
    {
        using var span = PublisherTelemetry.StartPublish(issuer.Id);
        var summary = await PublishRoundsAsync(issuer, state, fullCheck, cancellationToken).ConfigureAwait(false);
        PublisherTelemetry.Published(span, issuer.Id, summary);
        return summary;
    }

    private async Task<PublishSummary> PublishRoundsAsync(IssuerSettings issuer, IssuerState? state, bool fullCheck, CancellationToken cancellationToken)
    {
        var registration = issuer.Registration;
        state ??= await operations.ReadAsync(issuer.Registration, cancellationToken).ConfigureAwait(false);
        for (var round = 1; ; round++)
        {
            var summary = await PublishOnceAsync(issuer, state, fullCheck, cancellationToken).ConfigureAwait(false);
            if (!summary.Succeeded)
            {
                await RecordAsync(issuer, state, summary, cancellationToken).ConfigureAwait(false);
                return summary;
            }

            // Nothing written: nothing of a newer state can have been overwritten, so no need to look again.
            var fresh = summary.Status == PublishSummary.Unchanged
                ? state
                : await operations.ReadAsync(issuer.Registration, cancellationToken).ConfigureAwait(false);
            if (fresh.PublishedKids.SequenceEqual(state.PublishedKids, StringComparer.Ordinal) || round >= MaxRounds)
            {
                await RecordAsync(issuer, fresh, summary, cancellationToken).ConfigureAwait(false);
                return summary;
            }

            Log.Republishing(logger, registration.Id);
            state = fresh;
        }
    }

    private async Task<PublishSummary> PublishOnceAsync(IssuerSettings issuer, IssuerState state, bool fullCheck, CancellationToken cancellationToken)
    {
        var documents = PublishedKeys.Documents(state);
        if (documents is null)
        {
            return new PublishSummary
            {
                Status = PublishSummary.Skipped,
                Message = $"issuer {issuer.Id} has no approved key yet: nothing is published until an operator approves one",
            };
        }

        try
        {
            var target = targets.For(issuer);
            var options = new PublishOptions { CacheControl = issuer.Registration.CacheControl, FullCheck = fullCheck };
            var report = await DocumentPublisher.PublishAsync(documents, target, options, cancellationToken).ConfigureAwait(false);
            var written = report.Written > 0;
            if (written)
            {
                Log.Published(logger, issuer.Id, report.Target, string.Join(",", state.PublishedKids));
            }

            return new PublishSummary
            {
                Status = written ? PublishSummary.Published : PublishSummary.Unchanged,
                Documents = report.Documents
                    .Select(d => new PublishedDocument(d.Document, d.Status == DocumentStatus.Written ? "written" : "unchanged"))
                    .ToArray(),
                Kids = state.PublishedKids,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = e is Core.IssuerSyncException ? PublisherStorageWording.Describe(e, issuer, issuers) : $"{e.GetType().Name}: {FirstLine(e.Message)}";
            Log.PublishFailed(logger, issuer.Id, message, e);
            return new PublishSummary
            {
                Status = PublishSummary.Failed,
                Message = $"{message} (the state is recorded; the next reconcile publishes it)",
            };
        }
    }

    /// <summary>Records the outcome in the state only when it differs from what is recorded (no write for an unchanged issuer).</summary>
    private async Task RecordAsync(IssuerSettings issuer, IssuerState known, PublishSummary summary, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (summary.Status == PublishSummary.Skipped || Recorded(known, summary, now) is null)
        {
            // Already recorded in the state just read: no request at all (an unchanged issuer's reconcile).
            return;
        }

        try
        {
            await updater.UpdateAsync(
                issuer.Id,
                issuer.Registration.Issuer,
                (state, _) => Task.FromResult(new StateChange<bool>(Recorded(state, summary, now), true)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RecordFailed(logger, issuer.Id, e);
        }
    }

    internal static IssuerState? Recorded(IssuerState state, PublishSummary summary, DateTimeOffset now)
    {
        var current = state.Publication;
        PublicationStatus next;
        if (summary.Succeeded)
        {
            if (current is { PublishedAt: not null, FailedAt: null }
                && current.PublishedKids.SequenceEqual(summary.Kids, StringComparer.Ordinal)
                && summary.Status == PublishSummary.Unchanged)
            {
                return null;
            }

            next = new PublicationStatus { PublishedAt = now, PublishedKids = summary.Kids };
        }
        else
        {
            if (current?.FailedAt is not null && current.FailureMessage == summary.Message)
            {
                return null;
            }

            next = (current ?? new PublicationStatus()) with { FailedAt = now, FailureCode = "publish_failed", FailureMessage = summary.Message };
        }

        return state with { Publication = next };
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "issuer {IssuerId}: published to {Target} (kids {Kids})")]
        public static partial void Published(ILogger logger, string issuerId, string target, string kids);

        [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "issuer {IssuerId}: publishing failed, the next reconcile retries: {Reason}")]
        public static partial void PublishFailed(ILogger logger, string issuerId, string reason, Exception exception);

        [LoggerMessage(
            EventId = 22,
            Level = LogLevel.Information,
            Message = "issuer {IssuerId}: the published keys changed while publishing; publishing the newer state")]
        public static partial void Republishing(ILogger logger, string issuerId);

        [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "issuer {IssuerId}: could not record the publish outcome in the state")]
        public static partial void RecordFailed(ILogger logger, string issuerId, Exception exception);
    }
}
