using IssuerSync.Agent.Push;

namespace IssuerSync.Agent.Tests.Push;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 1.0, 2.0)]
    [InlineData(2, 2.0, 4.0)]
    [InlineData(3, 4.0, 8.0)]
    [InlineData(6, 30.0, 60.0)]
    [InlineData(40, 30.0, 60.0)]
    public void Delay_StaysBetweenHalfAndTheDoublingCeiling_ForEveryAttempt(int attempt, double low, double high)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), new Random(attempt));

        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(attempt).TotalSeconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, low, high));
        Assert.True(delays.Distinct().Count() > 100, "jitter spreads the delays");
    }
}
