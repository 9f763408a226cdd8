using IssuerSync.Publisher.Services;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Web.Scheduling;

/// <summary>
/// <c>serve</c>'s stand-in for the Reconcile timer and the ReconcileIssuer queue: on each occurrence of
/// the schedule, every issuer is reconciled in process, <see cref="Parallelism"/> at a time. One issuer's
/// failure is logged and never stops the others.
/// </summary>
public sealed partial class ReconcileTimer(
    ReconcileService reconcile,
    ReconcileSchedule schedule,
    TimeProvider time,
    ILogger<ReconcileTimer> logger) : BackgroundService
{
    public int Parallelism { get; init; } = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.Next(now) is not { } next)
            {
                return;
            }

            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over every issuer; answers the outcomes (also logged).</summary>
    public async Task<IReadOnlyList<ReconcileOutcome>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        IReadOnlyList<ReconcileOutcome> outcomes;
        try
        {
            outcomes = await reconcile.ReconcileAllAsync(Parallelism, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }

        foreach (var failed in outcomes.Where(o => !o.Succeeded))
        {
            Log.IssuerFailed(logger, failed.IssuerId, failed.Transient ? "transient, retried on the next run" : "lasting", failed.Summary);
        }

        Log.Pass(logger, outcomes.Count, outcomes.Count(o => !o.Succeeded), time.GetElapsedTime(started).TotalMilliseconds);
        return outcomes;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "reconcile: {Count} issuer(s), {Failed} failed, {Milliseconds:F0} ms")]
        public static partial void Pass(ILogger logger, int count, int failed, double milliseconds);

        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "reconcile {IssuerId} failed ({Kind}): {Summary}")]
        public static partial void IssuerFailed(ILogger logger, string issuerId, string kind, string summary);
    }
}
