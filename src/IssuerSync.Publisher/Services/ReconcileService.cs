using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.State;
using IssuerSync.Publisher.Telemetry;
using IssuerSync.Storage.Targets;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Services;

/// <summary>
/// Reconcile, one issuer at a time: applies retention (drops keys past their window, forgets expired token
/// bindings), compares what the state says to serve with what the target serves (both documents' properties, so
/// a document deleted or overwritten by someone else is found) and republishes on drift. Idempotent; an unchanged
/// issuer costs one state read and two HEADs, and no write. One issuer's failure never stops the others.
/// </summary>
public sealed partial class ReconcileService
{
    private readonly PublisherContext _context;
    private readonly ILogger _logger;

    internal ReconcileService(PublisherContext context)
    {
        _context = context;
        _logger = context.Loggers.CreateLogger("IssuerSync.Publisher.Reconcile");
        IssuerIds = context.Settings.Issuers.Select(i => i.Id).ToArray();
    }

    /// <summary>Every registered issuer: the Reconcile timer puts one queue message per id.</summary>
    public IReadOnlyList<string> IssuerIds { get; }

    public async Task<ReconcileOutcome> ReconcileIssuerAsync(string issuerId, CancellationToken cancellationToken = default)
    {
        var registered = _context.Settings.Find(issuerId?.Trim() ?? string.Empty)?.Id;
        using var span = PublisherTelemetry.StartReconcile(registered);
        var outcome = await ReconcileAsync(issuerId, cancellationToken).ConfigureAwait(false);
        PublisherTelemetry.Reconciled(span, outcome, registered is not null);
        return outcome;
    }

    private async Task<ReconcileOutcome> ReconcileAsync(string? issuerId, CancellationToken cancellationToken)
    {
        if (_context.Settings.Find(issuerId?.Trim() ?? string.Empty) is not { } issuer)
        {
            Log.UnknownIssuer(_logger, issuerId ?? "(null)");
            return new ReconcileOutcome
            {
                IssuerId = issuerId ?? string.Empty,
                Succeeded = false,
                Summary = $"no issuer is registered with id '{issuerId}': message dropped (was the registration removed?)",
            };
        }

        try
        {
            var retention = await _context.Operations.ChangeAsync(issuer.Registration, TimePassedEvent.Instance, cancellationToken).ConfigureAwait(false);
            var stateChanged = !RotationPolicy.SameState(retention.Before, retention.Result.State);
            PublisherTelemetry.Observed(retention.Result.State, _context.Time);
            var summary = await _context.Publisher.PublishAsync(issuer, retention.Result.State, fullCheck: true, cancellationToken).ConfigureAwait(false);
            var succeeded = summary.Status != PublishSummary.Failed;
            var outcome = new ReconcileOutcome
            {
                IssuerId = issuer.Id,
                Succeeded = succeeded,
                Transient = !succeeded,
                Publish = summary.Status,
                StateChanged = stateChanged,
                Summary = succeeded
                    ? $"issuer {issuer.Id}: {summary.Status}{(stateChanged ? " (retention changed the state)" : string.Empty)}"
                    : $"issuer {issuer.Id}: publish failed: {summary.Message}",
            };
            Log.Reconciled(_logger, issuer.Id, summary.Status, stateChanged);
            return outcome;
        }
        catch (StateFormatException e)
        {
            // Retrying cannot help: an operator must restore the document. Others are unaffected.
            Log.Failed(_logger, issuer.Id, e);
            return Failed(issuer.Id, transient: false, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Failed(_logger, issuer.Id, e);
            var message = e is StorageException or StateConflictException
                ? Hosting.PublisherStorageWording.Describe(e, issuer, _context.Settings.Issuers)
                : $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0]}";
            return Failed(issuer.Id, transient: true, message);
        }
    }

    private static ReconcileOutcome Failed(string issuerId, bool transient, string cause) => new()
    {
        IssuerId = issuerId,
        Succeeded = false,
        Transient = transient,
        Publish = PublishSummary.Failed,
        Summary = $"issuer {issuerId}: {cause}",
    };

    /// <summary>Every issuer, <paramref name="parallelism"/> at a time (the standalone server's in-process fan-out).</summary>
    public async Task<IReadOnlyList<ReconcileOutcome>> ReconcileAllAsync(int parallelism, CancellationToken cancellationToken = default)
    {
        var outcomes = new ReconcileOutcome[IssuerIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, outcomes.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await ReconcileIssuerAsync(IssuerIds[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return outcomes;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Debug, Message = "reconciled issuer {IssuerId}: {Publish} (state changed {StateChanged})")]
        public static partial void Reconciled(ILogger logger, string issuerId, string publish, bool stateChanged);

        [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "reconcile of issuer {IssuerId} failed")]
        public static partial void Failed(ILogger logger, string issuerId, Exception exception);

        [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "reconcile message for unknown issuer {IssuerId} dropped")]
        public static partial void UnknownIssuer(ILogger logger, string issuerId);
    }
}
