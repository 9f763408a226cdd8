using System.Security.Cryptography;
using System.Text.Json;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Verify;

[Collection(IssuerServerCollection.Name)]
public sealed class VerifyTokenTests(IssuerServerFixture fixture)
{
    private const string Audience = "api://AzureADTokenExchange";

    public static TheoryData<string, string[]> BrokenTokens => new()
    {
        { "expired", ["TOKEN_EXPIRED"] },
        { "unknown-kid", ["TOKEN_KID_UNKNOWN"] },
        { "no-kid", ["TOKEN_KID_MISSING"] },
        { "wrong-iss", ["TOKEN_ISSUER_MISMATCH"] },
        { "iss-trailing-slash", ["TOKEN_ISSUER_TRAILING_SLASH"] },
        { "tampered", ["TOKEN_SIGNATURE_INVALID"] },
        { "signed-by-another-key", ["TOKEN_SIGNATURE_INVALID"] },
        { "alg-none", ["TOKEN_ALG_NONE"] },
        { "alg-confusion", ["TOKEN_ALG_MISMATCH"] },
        { "wrong-aud", ["TOKEN_AUDIENCE_MISMATCH"] },
        { "no-exp", ["TOKEN_NO_EXPIRY"] },
        { "not-yet-valid", ["TOKEN_NOT_YET_VALID", "TOKEN_IAT_IN_FUTURE"] },
        { "garbage", ["TOKEN_MALFORMED"] },
    };

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    public async Task Verify_ExitsZeroAndPrintsSubAndAud_WhenTokenIsValid(string keyType)
    {
        var issuer = Publish("token-ok-" + keyType);
        AsymmetricAlgorithm key = keyType == "rsa" ? fixture.Rsa : fixture.Ec;
        var token = TestTokens.Mint(key, TestKeys.ExpectedKid(key), issuer, [Audience], DateTimeOffset.UtcNow.AddHours(1));

        var run = await Verify(issuer, token);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.ErrorCodes());
        Assert.Contains(run.Findings(), f => f.Code == "TOKEN_OK" && f.Message.StartsWith($"the token verifies with kid {TestKeys.ExpectedKid(key)} ({(keyType == "rsa" ? "RS256" : "ES256")})", StringComparison.Ordinal));
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.Equal(TestTokens.Subject, report.RootElement.GetProperty("token").GetProperty("sub").GetString());
        Assert.Equal([Audience], report.RootElement.GetProperty("token").GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain(token, run.Stdout);
    }

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task Verify_ReportsTheTokenCheckAndExitsFour_WhenTokenIsBroken(string name, string[] expectedCodes)
    {
        var issuer = Publish("token-" + name);
        var kid = TestKeys.ExpectedKid(fixture.Rsa);
        var valid = DateTimeOffset.UtcNow.AddHours(1);
        string token;
        switch (name)
        {
            case "expired": token = TestTokens.Mint(fixture.Rsa, kid, issuer, [Audience], DateTimeOffset.UtcNow.AddMinutes(-10)); break;
            case "unknown-kid":
            {
                using var other = TestKeys.Rsa();
                token = TestTokens.Mint(other, TestKeys.ExpectedKid(other), issuer, [Audience], valid);
                break;
            }

            case "no-kid": token = TestTokens.Mint(fixture.Rsa, null, issuer, [Audience], valid); break;
            case "wrong-iss": token = TestTokens.Mint(fixture.Rsa, kid, "https://kubernetes.default.svc.cluster.local", [Audience], valid); break;
            case "iss-trailing-slash": token = TestTokens.Mint(fixture.Rsa, kid, issuer + "/", [Audience], valid); break;
            case "tampered": token = TestTokens.Tampered(TestTokens.Mint(fixture.Rsa, kid, issuer, [Audience], valid)); break;
            case "signed-by-another-key":
            {
                using var other = TestKeys.Rsa();
                token = TestTokens.Mint(other, kid, issuer, [Audience], valid);
                break;
            }

            case "alg-none": token = TestTokens.Unsigned(kid, issuer, [Audience], valid); break;
            case "alg-confusion": token = TestTokens.Mint(fixture.Rsa, kid, issuer, [Audience], valid, alg: "PS256"); break;
            case "wrong-aud": token = TestTokens.Mint(fixture.Rsa, kid, issuer, ["https://kubernetes.default.svc"], valid); break;
            case "no-exp": token = TestTokens.Mint(fixture.Rsa, kid, issuer, [Audience], valid, withExpiry: false); break;
            case "not-yet-valid": token = TestTokens.Mint(fixture.Rsa, kid, issuer, [Audience], DateTimeOffset.UtcNow.AddHours(3)); break;
            case "garbage": token = "not-a-token"; break;
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }

        var run = await Verify(issuer, token);

        Assert.Equal(4, run.ExitCode);
        Assert.Equal(expectedCodes, run.ErrorCodes());
        Assert.Equal(["DISCOVERY_OK", "JWKS_CACHE", "JWKS_OK"], run.Findings().Take(3).Select(f => f.Code));
    }

    [Fact]
    public async Task Verify_NamesBothKids_WhenTokenKidIsNotPublished()
    {
        var issuer = Publish("token-kid-message");
        var token = TestTokens.Mint(fixture.Rsa, "sha1-style-kid", issuer, [Audience], DateTimeOffset.UtcNow.AddHours(1));

        var run = await Verify(issuer, token);

        var finding = Assert.Single(run.Findings(), f => f.Code == "TOKEN_KID_UNKNOWN");
        var published = new[] { TestKeys.ExpectedKid(fixture.Rsa), TestKeys.ExpectedKid(fixture.Ec) };
        Assert.Equal($"the token's kid 'sha1-style-kid' is not in the published JWKS (published: {string.Join(", ", published)})", finding.Message);
    }

    [Fact]
    public async Task Verify_PassesAudienceCheck_WhenAudienceIsNotGiven()
    {
        var issuer = Publish("token-any-aud");
        var token = TestTokens.Mint(fixture.Rsa, TestKeys.ExpectedKid(fixture.Rsa), issuer, ["sts.amazonaws.com"], DateTimeOffset.UtcNow.AddHours(1));
        var file = fixture.File("token-any-aud.jwt", token);

        var run = await CliRun.RunAsync("verify", issuer, "--ca-cert", fixture.CaFile, "--token", file, "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Findings(), f => f.Code == "TOKEN_CLAIMS" && f.Message.StartsWith($"sub '{TestTokens.Subject}', aud [sts.amazonaws.com]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_ExitsTwo_WhenTokenFileIsMissing()
    {
        var run = await CliRun.RunAsync("verify", fixture.Issuer("good"), "--token", "/nonexistent/token");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("issuersync: error: --token /nonexistent/token: cannot read the token", run.Stderr);
    }

    private string Publish(string name) => fixture.Published(name);

    private Task<CliRun> Verify(string issuer, string token) => fixture.VerifyTokenAsync(issuer, token, Audience);
}
