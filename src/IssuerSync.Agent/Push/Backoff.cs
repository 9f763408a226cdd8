namespace IssuerSync.Agent.Push;

/// <summary>
/// Exponential backoff with jitter: the ceiling doubles per attempt up to <see cref="Max"/>, and the
/// delay is drawn uniformly from [ceiling/2, ceiling], so agents that failed together spread out.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max, Random random)
{
    public TimeSpan Initial { get; } = initial;

    public TimeSpan Max { get; } = max;

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Delay(int attempt)
    {
        var ceilingTicks = Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromTicks((long)((ceilingTicks / 2) + (random.NextDouble() * ceilingTicks / 2)));
    }
}
