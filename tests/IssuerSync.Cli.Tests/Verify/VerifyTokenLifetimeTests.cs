using System.Text.Json.Nodes;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Verify;

/// <summary>The clouds' own limits on a token's iat and lifetime (exp - iat), sources in docs/verify-and-trust.md.</summary>
[Collection(IssuerServerCollection.Name)]
public sealed class VerifyTokenLifetimeTests(IssuerServerFixture fixture)
{
    private const string Audience = "api://AzureADTokenExchange";

    public static TheoryData<string, long, string[]> Lifetimes => new()
    {
        { "ten-minutes", 600, [] },
        { "entra-limit", 90_000, [] },
        { "entra-limit-plus-one", 90_001, ["TOKEN_LIFETIME_TOO_LONG_ENTRA"] },
        { "thirty-hours", 30 * 3600, ["TOKEN_LIFETIME_TOO_LONG_ENTRA"] },
        { "gcp-limit-minus-one", 172_799, ["TOKEN_LIFETIME_TOO_LONG_ENTRA"] },
        { "gcp-limit", 172_800, ["TOKEN_LIFETIME_TOO_LONG_ENTRA", "TOKEN_LIFETIME_TOO_LONG_GCP"] },
        { "extended-3607-to-a-year", 365 * 86_400, ["TOKEN_LIFETIME_TOO_LONG_ENTRA", "TOKEN_LIFETIME_TOO_LONG_GCP"] },
    };

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public async Task Verify_ReportsTheCloudsLifetimeLimits_WhenExpMinusIatIsAroundThem(string name, long seconds, string[] expected)
    {
        var issuer = Publish("lifetime-" + name);
        var token = TestTokens.Lived(fixture.Rsa, issuer, Audience, DateTimeOffset.UtcNow.AddSeconds(-30), TimeSpan.FromSeconds(seconds));

        var run = await Verify(issuer, token);

        Assert.Equal(expected.Length == 0 ? 0 : 4, run.ExitCode);
        Assert.Equal(expected, run.ErrorCodes());
        Assert.Equal(expected.Length == 0, run.Findings().Any(f => f.Code == "TOKEN_OK"));
    }

    [Fact]
    public async Task Verify_NamesEntraAndItsError_WhenAProjectedTokenHasALongExpirationSeconds()
    {
        // A projected serviceAccountToken volume with expirationSeconds: 172800 gets exp = iat + 172800.
        var issuer = Publish("lifetime-projected");
        var token = TestTokens.Lived(fixture.Rsa, issuer, Audience, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(172_800));

        var run = await Verify(issuer, token);

        var entra = Assert.Single(run.Findings(), f => f.Code == "TOKEN_LIFETIME_TOO_LONG_ENTRA");
        Assert.Equal("error", entra.Severity);
        Assert.Equal("the token lives 2 d 0 h 0 min 0 s (exp - iat = 172800 s), longer than the 1 day 1 hour (90000 s) Entra ID accepts", entra.Message);
        var gcp = Assert.Single(run.Findings(), f => f.Code == "TOKEN_LIFETIME_TOO_LONG_GCP");
        Assert.Equal("error", gcp.Severity);
        using var report = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var cloudErrors = report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("code").GetString()!.StartsWith("TOKEN_LIFETIME", StringComparison.Ordinal))
            .Select(f => f.GetProperty("cloudError").GetString())
            .ToList();
        Assert.Equal(
            ["Entra ID: AADSTS70023 (External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00)", "GCP STS: invalid_grant (exp must be less than 48 hours after iat)"],
            cloudErrors);
    }

    [Fact]
    public async Task Verify_ReportsIatMissingAndExitsFour_WhenTheTokenHasNoIat()
    {
        var issuer = Publish("lifetime-no-iat");
        var token = TestTokens.Lived(fixture.Rsa, issuer, Audience, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), withIat: false);

        var run = await Verify(issuer, token);

        Assert.Equal(4, run.ExitCode);
        Assert.Equal(["TOKEN_IAT_MISSING"], run.ErrorCodes());
        Assert.Contains("Entra ID: AADSTS70023", run.Stdout);
    }

    public static TheoryData<string, string[]> IatCases => new()
    {
        { "iat-4-min-ahead", [] },
        { "iat-6-min-ahead", ["TOKEN_IAT_IN_FUTURE"] },
        { "iat-as-string", ["TOKEN_TIMESTAMP_NOT_INTEGER"] },
        { "iat-fractional", ["TOKEN_TIMESTAMP_NOT_INTEGER"] },
        { "exp-fractional", ["TOKEN_TIMESTAMP_NOT_INTEGER"] },
        { "nbf-as-string", ["TOKEN_TIMESTAMP_NOT_INTEGER"] },
        { "exp-after-9999", ["TOKEN_TIMESTAMP_OUT_OF_RANGE"] },
        { "iat-long-min", ["TOKEN_TIMESTAMP_OUT_OF_RANGE"] },
    };

    [Theory]
    [MemberData(nameof(IatCases))]
    public async Task Verify_ReportsTheCloudsTimestampRules_WhenIatOrItsFormatIsWrong(string name, string[] expected)
    {
        var issuer = Publish("lifetime-" + name);
        var now = DateTimeOffset.UtcNow;
        var claims = TestTokens.Claims(issuer, TestTokens.Subject, Audience, now, TimeSpan.FromMinutes(30));
        switch (name)
        {
            case "iat-4-min-ahead": claims["iat"] = now.AddMinutes(4).ToUnixTimeSeconds(); break;
            case "iat-6-min-ahead": claims["iat"] = now.AddMinutes(6).ToUnixTimeSeconds(); break;
            case "iat-as-string": claims["iat"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            case "iat-fractional": claims["iat"] = JsonValue.Create(now.ToUnixTimeSeconds() + 0.5); break;
            case "exp-fractional": claims["exp"] = JsonValue.Create(now.AddMinutes(30).ToUnixTimeSeconds() + 0.5); break;
            case "nbf-as-string": claims["nbf"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            case "exp-after-9999": claims["exp"] = long.MaxValue; break;
            case "iat-long-min": claims["iat"] = long.MinValue; break;
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }

        var run = await Verify(issuer, TestTokens.Sign(fixture.Rsa, claims));

        Assert.Equal(expected.Length == 0 ? 0 : 4, run.ExitCode);
        Assert.Equal(expected, run.ErrorCodes());
    }

    private string Publish(string name) => fixture.Published(name);

    private Task<CliRun> Verify(string issuer, string token) => fixture.VerifyTokenAsync(issuer, token, Audience);
}
