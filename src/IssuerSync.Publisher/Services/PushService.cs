using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Publisher.State;
using IssuerSync.Publisher.Telemetry;
using IssuerSync.Storage.Targets;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Services;

/// <summary>
/// The PushKeys function: verify → update the issuer's state → when the published keys changed, publish the
/// documents (JWKS first) → answer with the push response and what was published. A push whose state landed but
/// whose publish failed is still accepted (the agent's part is done) and says so; the next reconcile publishes.
/// Every failure ends in an answer with a code, never an exception: state-store faults are 503 (retry),
/// anything unexpected is 500 internal_error, logged, with nothing written.
/// </summary>
public sealed partial class PushService
{
    private readonly PublisherContext _context;
    private readonly PushHandler _handler;
    private readonly ILogger _logger;

    internal PushService(PublisherContext context)
    {
        _context = context;
        _handler = new PushHandler(context.Registry, context.Updater, context.Time, context.Verification);
        _logger = context.Loggers.CreateLogger("IssuerSync.Publisher.Push");
    }

    /// <param name="bearerToken">The token from "Authorization: Bearer …" without the scheme, or null.</param>
    /// <param name="sourceAddress">The client's address, for the history (never trusted for anything).</param>
    public async Task<PushOutcome> PushAsync(
        ReadOnlyMemory<byte> body,
        string? bearerToken,
        string? sourceAddress,
        CancellationToken cancellationToken = default)
    {
        using var span = PublisherTelemetry.StartPush();
        var started = _context.Time.GetTimestamp();
        var outcome = await AnswerAsync(body, bearerToken, sourceAddress, cancellationToken).ConfigureAwait(false);
        PublisherTelemetry.Pushed(span, outcome, _context.Time.GetElapsedTime(started));
        return outcome;
    }

    private async Task<PushOutcome> AnswerAsync(ReadOnlyMemory<byte> body, string? bearerToken, string? sourceAddress, CancellationToken cancellationToken)
    {
        PushResult result;
        try
        {
            result = await _handler.HandleAsync(body, bearerToken, sourceAddress, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException e)
        {
            return Unavailable(PushRefusalCodes.StateConflict, "too many concurrent pushes for this issuer: retry with backoff", e);
        }
        catch (Exception e) when (e is StorageException or StateFormatException)
        {
            return Unavailable(
                PushRefusalCodes.StateUnavailable,
                "the publisher cannot read or write its state store: retry with backoff; the operator sees the cause in the publisher's log",
                e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Crashed(_logger, sourceAddress, e);
            return new PushOutcome(500, new PushResponse
            {
                Error = PublisherErrorCodes.InternalError,
                Message = "the publisher failed unexpectedly and changed nothing: retry later; the operator finds the cause in the publisher's log",
            });
        }

        if (!result.Accepted)
        {
            Log.Refused(_logger, result.Registration?.Id ?? "(unknown)", result.Response.Error!, result.HttpStatus, sourceAddress);
            return new PushOutcome(result.HttpStatus, result.Response) { IssuerId = result.Registration?.Id };
        }

        var issuer = _context.Settings.Find(result.Registration!.Id)!;
        PublisherTelemetry.Observed(result.State!, _context.Time);
        PublishSummary? summary = null;
        if (result.PublishedSetChanged)
        {
            summary = await _context.Publisher.PublishAsync(issuer, result.State, fullCheck: false, cancellationToken).ConfigureAwait(false);
        }

        Log.Accepted(_logger, issuer.Id, result.Response.Status!, result.Response.Changed, summary?.Status ?? "none", sourceAddress);
        return new PushOutcome(result.HttpStatus, result.Response with { Publish = summary }) { IssuerId = issuer.Id };
    }

    private PushOutcome Unavailable(string code, string message, Exception e)
    {
        Log.StateUnavailable(_logger, code, e);
        return new PushOutcome(503, new PushResponse { Error = code, Message = message });
    }

    private static partial class Log
    {
        [LoggerMessage(
            EventId = 1,
            Level = LogLevel.Information,
            Message = "push for issuer {IssuerId} {Status} (changed {Changed}, publish {Publish}) from {Source}")]
        public static partial void Accepted(ILogger logger, string issuerId, string status, bool changed, string publish, string? source);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "push for issuer {IssuerId} refused: {Code} ({HttpStatus}) from {Source}")]
        public static partial void Refused(ILogger logger, string issuerId, string code, int httpStatus, string? source);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "push answered 503 {Code}: the state store failed")]
        public static partial void StateUnavailable(ILogger logger, string code, Exception exception);

        [LoggerMessage(
            EventId = 4,
            Level = LogLevel.Critical,
            Message = "push from {Source} failed unexpectedly: answered 500 internal_error, nothing written")]
        public static partial void Crashed(ILogger logger, string? source, Exception exception);
    }
}
