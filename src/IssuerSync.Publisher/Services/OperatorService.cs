using System.Text.Json;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.State;
using IssuerSync.Publisher.Status;
using IssuerSync.Publisher.Telemetry;
using IssuerSync.Storage.Targets;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Services;

/// <summary>
/// The operator functions: Approve, Revoke, PublishNow and Status. Each reads the body itself (so every host
/// answers the same), applies the change through the rotation policy on a fresh read with a conditional write,
/// and republishes when the published keys changed.
/// </summary>
public sealed partial class OperatorService
{
    private readonly PublisherContext _context;
    private readonly ILogger _logger;

    internal OperatorService(PublisherContext context)
    {
        _context = context;
        _logger = context.Loggers.CreateLogger("IssuerSync.Publisher.Operators");
    }

    public Task<OperatorOutcome> ApproveAsync(string issuerId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        => RunAsync(issuerId, "approve", async issuer =>
        {
            if (!TryRead(body, PublisherJson.Default.ApproveRequest, out var request, out var problem)
                || request!.Fingerprints is not { Count: > 0 } fingerprints
                || fingerprints.Any(string.IsNullOrWhiteSpace))
            {
                return Malformed(
                    issuerId,
                    problem ?? "\"fingerprints\" must be a non-empty array of fingerprints",
                    """{"fingerprints": ["<sha256 hex of the key's DER SubjectPublicKeyInfo>"], "operator": "alice"}""");
            }

            if (string.IsNullOrWhiteSpace(request.Operator))
            {
                return OperatorMissing(issuerId);
            }

            return await ChangeAsync(issuer, "approve", new ApproveEvent(fingerprints, request.Operator.Trim()), cancellationToken).ConfigureAwait(false);
        });

    public Task<OperatorOutcome> RevokeAsync(string issuerId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        => RunAsync(issuerId, "revoke", async issuer =>
        {
            if (!TryRead(body, PublisherJson.Default.RevokeRequest, out var request, out var problem) || string.IsNullOrWhiteSpace(request!.Kid))
            {
                return Malformed(issuerId, problem ?? "\"kid\" is missing", """{"kid": "<kid>", "confirmSigningKey": false, "operator": "alice"}""");
            }

            if (string.IsNullOrWhiteSpace(request.Operator))
            {
                return OperatorMissing(issuerId);
            }

            return await ChangeAsync(
                issuer,
                "revoke",
                new RevokeEvent(request.Kid, request.Operator.Trim(), request.ConfirmSigningKey),
                cancellationToken).ConfigureAwait(false);
        });

    /// <summary>Publishes what the state says now, checking both documents (repairs drift at once instead of at the next reconcile).</summary>
    public Task<OperatorOutcome> PublishNowAsync(string issuerId, CancellationToken cancellationToken = default)
        => RunAsync(issuerId, "publish", async issuer =>
        {
            var state = await _context.Operations.ReadAsync(issuer.Registration, cancellationToken).ConfigureAwait(false);
            PublisherTelemetry.Observed(state, _context.Time);
            var summary = await _context.Publisher.PublishAsync(issuer, state, fullCheck: true, cancellationToken).ConfigureAwait(false);
            var response = Response(issuer, "publish", summary.Status == PublishSummary.Published, state, summary);
            return summary.Status == PublishSummary.Failed
                ? OperatorOutcome.Of(502, response with { Error = PublisherErrorCodes.PublishFailed, Message = summary.Message })
                : OperatorOutcome.Of(200, response);
        });

    /// <param name="issuerId">One issuer, or null for all of them (an unreadable one carries its error; the others are answered).</param>
    public async Task<OperatorOutcome> StatusAsync(string? issuerId, CancellationToken cancellationToken = default)
    {
        if (issuerId is not null)
        {
            return await RunAsync(issuerId, "status", async issuer =>
            {
                var state = await _context.Operations.ReadAsync(issuer.Registration, cancellationToken).ConfigureAwait(false);
                PublisherTelemetry.Observed(state, _context.Time);
                return OperatorOutcome.Of(200, IssuerStatusBuilder.Build(issuer, state, _context.Settings.StaleAfter, _context.Time.GetUtcNow()));
            }).ConfigureAwait(false);
        }

        using var span = PublisherTelemetry.StartOperatorAction("status", null);
        var views = new IssuerStatusView[_context.Settings.Issuers.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, views.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _context.Settings.ReconcileParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var issuer = _context.Settings.Issuers[i];
                var now = _context.Time.GetUtcNow();
                try
                {
                    var state = await _context.Operations.ReadAsync(issuer.Registration, ct).ConfigureAwait(false);
                    PublisherTelemetry.Observed(state, _context.Time);
                    views[i] = IssuerStatusBuilder.Build(issuer, state, _context.Settings.StaleAfter, now);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Log.Failed(_logger, "status", issuer.Id, e);
                    views[i] = IssuerStatusBuilder.Unreadable(issuer, PublisherErrorCodes.StateUnavailable, Describe(e), _context.Settings.StaleAfter, now);
                }
            }).ConfigureAwait(false);
        var all = OperatorOutcome.Of(200, new IssuerStatusList(views));
        PublisherTelemetry.OperatorActed(span, "status", null, all);
        return all;
    }

    private async Task<OperatorOutcome> ChangeAsync(IssuerSettings issuer, string action, RotationEvent change, CancellationToken cancellationToken)
    {
        var applied = await _context.Operations.ChangeAsync(issuer.Registration, change, cancellationToken).ConfigureAwait(false);
        if (applied.Result.Error is { } error)
        {
            return OperatorOutcome.Of(409, new OperatorResponse { IssuerId = issuer.Id, Action = action, Error = error.Code, Message = error.Message });
        }

        var state = applied.Result.State;
        PublisherTelemetry.Observed(state, _context.Time);
        PublishSummary? summary = null;
        if (applied.PublishedSetChanged)
        {
            summary = await _context.Publisher.PublishAsync(issuer, state, fullCheck: false, cancellationToken).ConfigureAwait(false);
        }

        Log.Applied(_logger, action, issuer.Id, string.Join(",", state.PublishedKids), summary?.Status ?? "none");
        return OperatorOutcome.Of(200, Response(issuer, action, !RotationPolicy.SameState(applied.Before, state), state, summary));
    }

    private async Task<OperatorOutcome> RunAsync(string issuerId, string action, Func<IssuerSettings, Task<OperatorOutcome>> run)
    {
        var registered = _context.Settings.Find(issuerId)?.Id;
        using var span = PublisherTelemetry.StartOperatorAction(action, registered);
        var outcome = await RunCheckedAsync(issuerId, action, run).ConfigureAwait(false);
        PublisherTelemetry.OperatorActed(span, action, registered, outcome);
        return outcome;
    }

    private async Task<OperatorOutcome> RunCheckedAsync(string issuerId, string action, Func<IssuerSettings, Task<OperatorOutcome>> run)
    {
        if (_context.Settings.Find(issuerId) is not { } issuer)
        {
            return OperatorOutcome.Refuse(
                404,
                issuerId,
                PublisherErrorCodes.IssuerUnknown,
                $"no issuer is registered with id '{issuerId}': registered ids are {string.Join(", ", _context.Settings.Issuers.Select(i => i.Id))}");
        }

        try
        {
            return await run(issuer).ConfigureAwait(false);
        }
        catch (StateConflictException e)
        {
            Log.Failed(_logger, action, issuerId, e);
            return OperatorOutcome.Refuse(503, issuerId, PublisherErrorCodes.StateConflict, "too many concurrent changes of this issuer: retry with backoff");
        }
        catch (Exception e) when (e is StorageException or StateFormatException)
        {
            Log.Failed(_logger, action, issuerId, e);
            return OperatorOutcome.Refuse(
                503,
                issuerId,
                PublisherErrorCodes.StateUnavailable,
                $"the publisher cannot use the state of issuer {issuerId}: {Hosting.PublisherStorageWording.Describe(e, issuer, _context.Settings.Issuers)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Crashed(_logger, action, issuerId, e);
            return OperatorOutcome.Refuse(
                500,
                issuerId,
                PublisherErrorCodes.InternalError,
                "the publisher failed unexpectedly and changed nothing: the cause is in its log");
        }
    }

    private static OperatorResponse Response(IssuerSettings issuer, string action, bool changed, IssuerState state, PublishSummary? summary) => new()
    {
        IssuerId = issuer.Id,
        Action = action,
        Changed = changed,
        Published = state.PublishedKids,
        Pending = state.PendingKids,
        Publish = summary,
    };

    private static bool TryRead<T>(ReadOnlyMemory<byte> body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, out T? value, out string? problem)
        where T : class
    {
        value = null;
        problem = null;
        try
        {
            value = JsonSerializer.Deserialize(body.Span, type);
            if (value is null)
            {
                problem = "the body is null";
            }

            return value is not null;
        }
        catch (JsonException e)
        {
            problem = $"the body is not the expected JSON ({e.Message})";
            return false;
        }
    }

    private static OperatorOutcome Malformed(string issuerId, string problem, string example)
        => OperatorOutcome.Refuse(400, issuerId, PublisherErrorCodes.BodyMalformed, $"{problem}: send {example}");

    private static OperatorOutcome OperatorMissing(string issuerId)
        => OperatorOutcome.Refuse(
            400,
            issuerId,
            PublisherErrorCodes.OperatorMissing,
            "\"operator\" is missing: name who does this, for the issuer's history (e.g. \"operator\": \"alice@example.com\")");

    private static string Describe(Exception e) => e is Core.IssuerSyncException ? e.Message : $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0]}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "{Action} on issuer {IssuerId}: published kids {Kids}, publish {Publish}")]
        public static partial void Applied(ILogger logger, string action, string issuerId, string kids, string publish);

        [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "{Action} on issuer {IssuerId} failed: the state store is unavailable")]
        public static partial void Failed(ILogger logger, string action, string issuerId, Exception exception);

        [LoggerMessage(EventId = 32, Level = LogLevel.Critical, Message = "{Action} on issuer {IssuerId} failed unexpectedly: answered 500 internal_error")]
        public static partial void Crashed(ILogger logger, string action, string issuerId, Exception exception);
    }
}
