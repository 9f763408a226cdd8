using System.Security.Cryptography;
using IssuerSync.Core.Verification;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Verification;

/// <summary>
/// iat, nbf and exp are integers a forger chooses: values past the range of dates (year 1 to 9999) must end in a finding,
/// never in an exception out of verify.
/// </summary>
public sealed class TokenTimeRangeTests : IDisposable
{
    private const string Issuer = TokenCheckRun.Issuer;
    private const string Audience = TokenCheckRun.Audience;
    private static readonly DateTimeOffset Now = TokenCheckRun.Now;

    private readonly RSA _rsa = TestKeys.Rsa();

    public void Dispose() => _rsa.Dispose();

    [Theory]
    [InlineData("exp", long.MaxValue)]
    [InlineData("exp", 253402300800)]
    [InlineData("exp", -62135596801)]
    [InlineData("exp", long.MinValue)]
    [InlineData("nbf", long.MaxValue)]
    [InlineData("nbf", long.MinValue)]
    [InlineData("iat", long.MaxValue)]
    [InlineData("iat", 253402300800)]
    [InlineData("iat", long.MinValue)]
    public async Task CheckAsync_ReportsTheClaimOutOfRange_WhenATimestampIsNoDate(string claim, long value)
    {
        var claims = TestTokens.Claims(Issuer, TestTokens.Subject, Audience, Now);
        claims[claim] = value;

        var result = await Check(TestTokens.Sign(_rsa, claims));

        var finding = Assert.Single(result.Findings, f => f.Code == "TOKEN_TIMESTAMP_OUT_OF_RANGE");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal($"the token's {claim} ({value}) is not a date between the years 1 and 9999", finding.Message);
        Assert.DoesNotContain(result.Findings, f => f.Code is "TOKEN_OK");
    }

    [Fact]
    public async Task CheckAsync_ReportsEachClaimOnce_WhenExpAndIatAreAtOppositeEndsOfLong()
    {
        var claims = TestTokens.Claims(Issuer, TestTokens.Subject, Audience, Now);
        claims["iat"] = long.MinValue;
        claims["exp"] = long.MaxValue;

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(
            ["the token's iat (-9223372036854775808) and exp (9223372036854775807) are not dates between the years 1 and 9999"],
            result.Findings.Where(f => f.Code == "TOKEN_TIMESTAMP_OUT_OF_RANGE").Select(f => f.Message));
        Assert.DoesNotContain(result.Findings, f => f.Code.StartsWith("TOKEN_LIFETIME", StringComparison.Ordinal));
    }

    // Microsoft.IdentityModel refuses to read a payload whose number does not fit a long: the whole token is malformed.
    [Theory]
    [InlineData("exp", "100000000000000000000000")]
    [InlineData("exp", "-100000000000000000000000")]
    [InlineData("iat", "100000000000000000000000")]
    [InlineData("nbf", "9223372036854775808")]
    public async Task CheckAsync_ReportsTheTokenMalformed_WhenAnIntegerIsPastLong(string claim, string literal)
    {
        var claims = TestTokens.Claims(Issuer, TestTokens.Subject, Audience, Now);
        claims[claim] = System.Text.Json.Nodes.JsonNode.Parse(literal);

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(["TOKEN_MALFORMED"], result.Findings.Select(f => f.Code));
    }

    [Theory]
    [InlineData(253402300799, "TOKEN_LIFETIME_TOO_LONG_ENTRA")]
    [InlineData(-62135596800, "TOKEN_EXPIRED")]
    public async Task CheckAsync_ReadsTheLastAndFirstDate_AsDates(long exp, string code)
    {
        var claims = TestTokens.Claims(Issuer, TestTokens.Subject, Audience, Now);
        claims["exp"] = exp;

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Contains(result.Findings, f => f.Code == code);
        Assert.DoesNotContain(result.Findings, f => f.Code == "TOKEN_TIMESTAMP_OUT_OF_RANGE");
    }

    private Task<TokenCheckResult> Check(string token) => TokenCheckRun.CheckAsync(token, [TokenCheckRun.Published(_rsa)], Audience);
}
