namespace IssuerSync.Core.Retries;

/// <summary>
/// Exponential backoff with jitter, pure: the ceiling after retry <c>attempt</c> is min(max, base·2^attempt) and the delay is
/// drawn from the random source below it, so callers that failed together spread out. The caller waits, on its TimeProvider.
/// </summary>
public static class Backoff
{
    /// <summary>min(<paramref name="max"/>, <paramref name="baseDelay"/>·2^<paramref name="attempt"/>); <paramref name="attempt"/> counts from 0.</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan baseDelay, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, TimeSpan.Zero);
        var doubled = baseDelay.Ticks * Math.Pow(2, Math.Min(attempt, 62));
        return TimeSpan.FromTicks((long)Math.Min(max.Ticks, doubled));
    }

    /// <summary>
    /// The delay before the next try after retry <paramref name="attempt"/> (from 0): in [0, ceiling], or [ceiling/2,
    /// ceiling] with <see cref="BackoffJitter.Equal"/>.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan max, Random random, BackoffJitter jitter = BackoffJitter.Full)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = Ceiling(attempt, baseDelay, max).Ticks;
        var floor = jitter == BackoffJitter.Equal ? ceiling / 2 : 0;
        return TimeSpan.FromTicks(floor + (long)(random.NextDouble() * (ceiling - floor)));
    }
}
