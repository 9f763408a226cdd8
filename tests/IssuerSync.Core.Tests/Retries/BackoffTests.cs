using IssuerSync.Core.Retries;

namespace IssuerSync.Core.Tests.Retries;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromMilliseconds(250);

    [Theory]
    [InlineData(0, 5.0)]
    [InlineData(1, 10.0)]
    [InlineData(2, 20.0)]
    [InlineData(5, 160.0)]
    [InlineData(6, 250.0)]
    [InlineData(62, 250.0)]
    [InlineData(int.MaxValue, 250.0)]
    public void Ceiling_IsBaseDoubledPerAttemptUpToMax_ForEveryAttempt(int attempt, double ceilingMs)
        => Assert.Equal(TimeSpan.FromMilliseconds(ceilingMs), Backoff.Ceiling(attempt, Base, Max));

    [Theory]
    [InlineData(0, 5.0)]
    [InlineData(1, 10.0)]
    [InlineData(3, 40.0)]
    [InlineData(6, 250.0)]
    [InlineData(40, 250.0)]
    public void Delay_StaysBetweenZeroAndTheCeiling_WithFullJitter(int attempt, double ceilingMs)
    {
        var random = new Random(attempt);

        var delays = Enumerable.Range(0, 200).Select(_ => Backoff.Delay(attempt, Base, Max, random).TotalMilliseconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, 0, ceilingMs));
        Assert.True(delays.Distinct().Count() > 100, "jitter spreads the delays");
        Assert.Contains(delays, d => d < ceilingMs / 2); // full jitter reaches below the equal-jitter floor
    }

    // The agent's schedule (2 s doubling to 1 min), retry n after failed attempt n + 1.
    [Theory]
    [InlineData(0, 1.0, 2.0)]
    [InlineData(1, 2.0, 4.0)]
    [InlineData(2, 4.0, 8.0)]
    [InlineData(5, 30.0, 60.0)]
    [InlineData(39, 30.0, 60.0)]
    public void Delay_StaysBetweenHalfAndTheCeiling_WithEqualJitter(int attempt, double low, double high)
    {
        var random = new Random(attempt);

        var delays = Enumerable.Range(0, 200).Select(_ => Backoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), random, BackoffJitter.Equal).TotalSeconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, low, high));
        Assert.True(delays.Distinct().Count() > 100, "jitter spreads the delays");
    }

    [Fact]
    public void Delay_IsTheSame_ForTheSameRandomSeed()
        => Assert.Equal(
            Enumerable.Range(0, 10).Select(a => Backoff.Delay(a, Base, Max, new Random(7))),
            Enumerable.Range(0, 10).Select(a => Backoff.Delay(a, Base, Max, new Random(7))));

    [Fact]
    public void Ceiling_Refuses_ANegativeAttempt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Ceiling(-1, Base, Max));

        Assert.Equal("attempt", error.ParamName);
    }
}
