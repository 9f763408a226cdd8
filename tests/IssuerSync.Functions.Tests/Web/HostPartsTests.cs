using IssuerSync.Publisher.Web.Http;
using IssuerSync.Publisher.Web.Keys;
using IssuerSync.Publisher.Web.Scheduling;

namespace IssuerSync.Functions.Tests.Web;

/// <summary>The few decisions a host makes itself: the caller's address, the key comparison, the schedule.</summary>
public sealed class HostPartsTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234, 10.0.0.4", "203.0.113.7")]
    [InlineData(" 2001:db8::1 , 10.0.0.4", "2001:db8::1")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("", null)]
    [InlineData("<script>, 10.0.0.4", null)]
    [InlineData("evil.example.com", null)]
    public void FirstForwardedHop_TakesTheClientAddressOnly(string header, string? expected)
        => Assert.Equal(expected, SourceAddress.FirstForwardedHop(header));

    [Theory]
    [InlineData("operator-0123456789abcdef", true)]
    [InlineData("operator-0123456789abcdeF", false)]
    [InlineData("operator-0123456789abcde", false)]
    [InlineData("operator-0123456789abcdef ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void FunctionKeyCheck_MatchesOnlyTheExactKey(string? presented, bool matches)
        => Assert.Equal(matches, new FunctionKeyCheck("operator-0123456789abcdef").Matches(presented));

    [Fact]
    public void ReconcileSchedule_FiresOnTheNextFiveMinuteBoundary_ForTheDefault()
        => Assert.Equal(
            new DateTimeOffset(2026, 12, 1, 10, 5, 0, TimeSpan.Zero),
            ReconcileSchedule.Parse("0 */5 * * * *").Next(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("every 5 minutes")]
    [InlineData("")]
    public void ReconcileSchedule_RefusesWithTheFix_WhenNotSixFieldNcrontab(string text)
    {
        var e = Assert.Throws<FormatException>(() => ReconcileSchedule.Parse(text));
        Assert.Contains($"IssuerSync__ReconcileSchedule '{text}' is not an NCRONTAB expression", e.Message);
        Assert.Contains("'0 */5 * * * *'", e.Message);
    }
}
