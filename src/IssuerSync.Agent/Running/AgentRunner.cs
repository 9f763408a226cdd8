using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Push;
using IssuerSync.Agent.Telemetry;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using IssuerSync.Core.Push;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Agent.Running;

/// <summary>
/// The agent's loop: read the keys, push them when they differ from the last acknowledged push (or a
/// resync is due), sleep for the interval; until cancelled (SIGTERM). Every failure is logged with
/// its fix and retried at the next interval; the liveness file goes stale when failures outlast the threshold.
/// </summary>
public sealed partial class AgentRunner(
    IKeySource keys,
    ITokenSource tokens,
    PushClient push,
    AgentRunOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly LivenessTracker _liveness = new(options.FailureThreshold);
    private readonly LivenessFile? _livenessFile = options.LivenessFile is null ? null : new LivenessFile(options.LivenessFile);
    private ObservedKeys? _acknowledged;
    private DateTimeOffset _acknowledgedAt;

    /// <summary>Pushes the publisher acknowledged since start.</summary>
    public int Pushes { get; private set; }

    /// <summary>Runs until cancelled, or one cycle with <see cref="AgentRunOptions.Once"/> (whose failure is thrown).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        Log.Starting(logger, options.Issuer.Value, keys.Description, push.Endpoint, options.Once ? "once" : $"every {options.Interval}");
        if (options.Once)
        {
            await CycleAsync(cancellationToken).ConfigureAwait(false);
            await TouchLivenessAsync(healthy: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CycleAsync(cancellationToken).ConfigureAwait(false);
                await TouchLivenessAsync(healthy: true, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (IssuerSyncException e)
            {
                // PushClient has logged publisher refusals and retries already; this is the cycle's verdict.
                Log.CycleFailed(logger, e.Message);
                await TouchLivenessAsync(healthy: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug or an unforeseen failure: keep the loop alive; the liveness file reports it if it lasts.
                Log.CycleFailed(logger, $"unexpected error (please report it): {e.GetType().Name}: {e.Message}");
                await TouchLivenessAsync(healthy: false, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(options.Interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Log.Stopped(logger, Pushes);
    }

    /// <summary>One cycle: read, compare, push if needed.</summary>
    public async Task<CycleOutcome> CycleAsync(CancellationToken cancellationToken = default)
    {
        using var span = AgentTelemetry.StartCycle();
        try
        {
            var outcome = await ReadAndPushAsync(cancellationToken).ConfigureAwait(false);
            AgentTelemetry.CycleEnded(span, outcome);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AgentTelemetry.CycleFailed(span, e);
            throw;
        }
    }

    private async Task<CycleOutcome> ReadAndPushAsync(CancellationToken cancellationToken)
    {
        var observed = await keys.ReadAsync(cancellationToken).ConfigureAwait(false);
        AgentTelemetry.KeysRead(observed.Keys.Keys.Count);
        var now = time.GetUtcNow();
        if (observed.SameKeysAs(_acknowledged) && now - _acknowledgedAt < options.Resync)
        {
            Log.KeysUnchanged(logger, observed.Keys.Keys.Count, string.Join(",", observed.Kids));
            return CycleOutcome.Unchanged;
        }

        var reason = _acknowledged is null ? "first push" : observed.SameKeysAs(_acknowledged) ? "resync" : "keys changed";
        Log.Pushing(logger, reason, observed.Keys.Keys.Count, string.Join(",", observed.Kids));
        var body = observed.ToPush(options.Issuer, now, PushProtocol.SourceLive);
        var result = await PushAsync(body, cancellationToken).ConfigureAwait(false);
        _acknowledged = observed;
        _acknowledgedAt = now;
        Pushes++;
        if (result.Pending)
        {
            Log.PushPending(logger, (int)result.StatusCode, string.Join(",", result.Response.Pending), result.Attempts);
            return CycleOutcome.Pending;
        }

        Log.PushAccepted(logger, (int)result.StatusCode, result.Response.Changed, string.Join(",", result.Response.Published), result.Attempts);
        return CycleOutcome.Pushed;
    }

    private async Task<PushReply> PushAsync(PushRequest body, CancellationToken cancellationToken)
    {
        using var span = AgentTelemetry.StartPush();
        var started = time.GetTimestamp();
        try
        {
            var result = await push.PushAsync(body, TokenAsync, cancellationToken).ConfigureAwait(false);
            AgentTelemetry.Pushed(span, result, time.GetElapsedTime(started));
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AgentTelemetry.PushFailed(span, e, time.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AgentTelemetry.TokenFailed(e);
            throw;
        }
    }

    private async Task TouchLivenessAsync(bool healthy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var alive = _liveness.Record(healthy, now);
        if (_livenessFile is null)
        {
            return;
        }

        if (alive)
        {
            try
            {
                await _livenessFile.TouchAsync(now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LivenessUnwritable(logger, _livenessFile.Path, e.Message);
            }
        }
        else
        {
            Log.LivenessStale(logger, _livenessFile.Path, _liveness.FailingSince!.Value, options.FailureThreshold);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "Starting", Level = LogLevel.Information,
            Message = "Agent {AgentVersion} for issuer {Issuer}: keys from {KeySource}, pushing to {Endpoint}, {Schedule}")]
        private static partial void Starting(ILogger logger, string agentVersion, string issuer, string keySource, Uri endpoint, string schedule);

        public static void Starting(ILogger logger, string issuer, string keySource, Uri endpoint, string schedule)
            => Starting(logger, AgentInfo.Version, issuer, keySource, endpoint, schedule);

        [LoggerMessage(EventId = 2, EventName = "KeysUnchanged", Level = LogLevel.Information,
            Message = "Keys unchanged since the last acknowledged push ({KeyCount} keys: {Kids}); nothing to push")]
        public static partial void KeysUnchanged(ILogger logger, int keyCount, string kids);

        [LoggerMessage(EventId = 3, EventName = "Pushing", Level = LogLevel.Information,
            Message = "Pushing ({Reason}): {KeyCount} keys: {Kids}")]
        public static partial void Pushing(ILogger logger, string reason, int keyCount, string kids);

        [LoggerMessage(EventId = 4, EventName = "PushAccepted", Level = LogLevel.Information,
            Message = "The publisher accepted the push ({StatusCode}, changed: {Changed}, published: {Published}) after {Attempts} attempt(s)")]
        public static partial void PushAccepted(ILogger logger, int statusCode, bool changed, string published, int attempts);

        [LoggerMessage(EventId = 5, EventName = "PushPending", Level = LogLevel.Warning,
            Message = "The publisher recorded the push ({StatusCode}) but keys {Pending} await an operator's approval by fingerprint; attempts: {Attempts}")]
        public static partial void PushPending(ILogger logger, int statusCode, string pending, int attempts);

        [LoggerMessage(EventId = 6, EventName = "CycleFailed", Level = LogLevel.Error, Message = "{Error}")]
        public static partial void CycleFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 7, EventName = "LivenessStale", Level = LogLevel.Error,
            Message = "Failing since {FailingSince:O}, longer than {Threshold}: leaving the liveness file {Path} to go stale so the pod is restarted")]
        public static partial void LivenessStale(ILogger logger, string path, DateTimeOffset failingSince, TimeSpan threshold);

        [LoggerMessage(EventId = 8, EventName = "LivenessUnwritable", Level = LogLevel.Warning,
            Message = "Cannot write the liveness file {Path}: {Detail}")]
        public static partial void LivenessUnwritable(ILogger logger, string path, string detail);

        [LoggerMessage(EventId = 9, EventName = "Stopped", Level = LogLevel.Information,
            Message = "Stopped on request after {Pushes} acknowledged push(es)")]
        public static partial void Stopped(ILogger logger, int pushes);
    }
}
