using System.Security.Cryptography;
using IssuerSync.Core.Verification;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Verification;

public sealed class TokenChecksTests : IDisposable
{
    private const string Issuer = TokenCheckRun.Issuer;
    private const string Audience = TokenCheckRun.Audience;
    private static readonly DateTimeOffset Now = TokenCheckRun.Now;

    private readonly RSA _rsa = TestKeys.Rsa();
    private readonly ECDsa _p384 = TestKeys.Ec("P-384");

    public void Dispose()
    {
        _rsa.Dispose();
        _p384.Dispose();
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("p384")]
    public async Task CheckAsync_ReportsOkWithSubAndAud_WhenTokenIsValid(string keyName)
    {
        AsymmetricAlgorithm key = keyName == "rsa" ? _rsa : _p384;
        var token = TestTokens.Mint(key, TestKeys.ExpectedKid(key), Issuer, [Audience, "other"], Now.AddMinutes(10));

        var result = await Check(token, Audience);

        Assert.Equal(["TOKEN_CLAIMS", "TOKEN_OK"], result.Findings.Select(f => f.Code));
        Assert.Equal(TestTokens.Subject, result.Subject);
        Assert.Equal([Audience, "other"], result.Audiences);
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_VerifiesEveryTime_WhenTheSameKeyIsCheckedRepeatedly()
    {
        var kid = TestKeys.ExpectedKid(_rsa);
        var valid = TestTokens.Mint(_rsa, kid, Issuer, [Audience], Now.AddMinutes(10));

        for (var i = 0; i < 3; i++)
        {
            Assert.DoesNotContain((await Check(valid, Audience)).Findings, f => f.Severity == FindingSeverity.Error);
            Assert.Contains((await Check(TestTokens.Tampered(valid), Audience)).Findings, f => f.Code == "TOKEN_SIGNATURE_INVALID");
        }
    }

    [Theory]
    [InlineData(0, "TOKEN_EXPIRED")]
    [InlineData(-1, "TOKEN_EXPIRED")]
    [InlineData(1, null)]
    public async Task CheckAsync_ReportsExpiry_WhenExpIsAtOrBeforeNow(int secondsFromNow, string? code)
    {
        var token = TestTokens.Mint(_rsa, TestKeys.ExpectedKid(_rsa), Issuer, [Audience], Now.AddSeconds(secondsFromNow));

        var result = await Check(token, Audience);

        Assert.Equal(code, result.Findings.SingleOrDefault(f => f.Severity == FindingSeverity.Error)?.Code);
    }

    [Theory]
    [InlineData(Issuer + "/", "TOKEN_ISSUER_TRAILING_SLASH")]
    [InlineData("https://oidc.example.com/C1", "TOKEN_ISSUER_MISMATCH")]
    [InlineData("kubernetes/serviceaccount", "TOKEN_ISSUER_MISMATCH")]
    public async Task CheckAsync_ReportsIssuer_WhenIssDiffersByteForByte(string iss, string code)
    {
        var token = TestTokens.Mint(_rsa, TestKeys.ExpectedKid(_rsa), iss, [Audience], Now.AddMinutes(10));

        var result = await Check(token, Audience);

        Assert.Equal([code], result.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_NamesEntrasKeyNotInMetadataError_WhenTheTokensKidIsNotPublished()
    {
        var token = TestTokens.Mint(_rsa, "not-published", Issuer, [Audience], Now.AddMinutes(10));

        var result = await Check(token, Audience);

        var finding = Assert.Single(result.Findings, f => f.Code == "TOKEN_KID_UNKNOWN");
        Assert.StartsWith("Entra ID: AADSTS7000272 (the certificate with identifier", finding.CloudError);
        Assert.Contains("AWS STS: InvalidIdentityToken", finding.CloudError);
    }

    [Fact]
    public async Task CheckAsync_NamesEntrasSignatureError_WhenTheSignatureDoesNotVerify()
    {
        var token = TestTokens.Tampered(TestTokens.Mint(_rsa, TestKeys.ExpectedKid(_rsa), Issuer, [Audience], Now.AddMinutes(10)));

        var result = await Check(token, Audience);

        var finding = Assert.Single(result.Findings, f => f.Code == "TOKEN_SIGNATURE_INVALID");
        Assert.StartsWith("Entra ID: AADSTS700027 (client assertion failed signature validation)", finding.CloudError);
    }

    [Fact]
    public async Task CheckAsync_ReportsAlgMismatch_WhenTokenClaimsAnotherAlgorithmThanTheKey()
    {
        var token = TestTokens.Mint(_p384, TestKeys.ExpectedKid(_p384), Issuer, [Audience], Now.AddMinutes(10), alg: "ES256");

        var result = await Check(token, Audience);

        var finding = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal("TOKEN_ALG_MISMATCH", finding.Code);
        Assert.Equal($"the token's alg 'ES256' is not the alg of the published key kid {TestKeys.ExpectedKid(_p384)} (ES384)", finding.Message);
    }

    [Fact]
    public async Task CheckAsync_ReportsAlgNoneOnly_WhenTokenIsUnsigned()
    {
        var token = TestTokens.Unsigned(TestKeys.ExpectedKid(_rsa), Issuer, [Audience], Now.AddMinutes(10));

        var result = await Check(token, Audience);

        Assert.Equal(["TOKEN_ALG_NONE"], result.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_ReportsAudience_WhenExpectedAudienceIsMissing()
    {
        var token = TestTokens.Mint(_rsa, TestKeys.ExpectedKid(_rsa), Issuer, ["https://kubernetes.default.svc"], Now.AddMinutes(10));

        var result = await Check(token, "api://AzureADTokenExchange");

        var finding = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal("TOKEN_AUDIENCE_MISMATCH", finding.Code);
        Assert.Equal("the token's aud [https://kubernetes.default.svc] does not contain 'api://AzureADTokenExchange'", finding.Message);
    }

    [Theory]
    [InlineData(4, new string[0])]
    [InlineData(6, new[] { "TOKEN_NOT_YET_VALID", "TOKEN_IAT_IN_FUTURE" })]
    public async Task CheckAsync_AllowsFiveMinutesOfClockSkew_WhenNbfIsInTheFuture(int minutes, string[] codes)
    {
        // Mint sets nbf and iat one hour before exp: both are in the future (GCP STS requires iat in the past).
        var token = TestTokens.Mint(_rsa, TestKeys.ExpectedKid(_rsa), Issuer, [Audience], Now.AddMinutes(60 + minutes));

        var result = await Check(token, Audience);

        Assert.Equal(codes, result.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    public async Task CheckAsync_ReportsMalformed_WhenTokenIsNotAJws(string token)
    {
        var result = await Check(token, null);

        Assert.Equal(["TOKEN_MALFORMED"], result.Findings.Select(f => f.Code));
    }

    private Task<TokenCheckResult> Check(string token, string? audience)
        => TokenCheckRun.CheckAsync(token, [TokenCheckRun.Published(_rsa), TokenCheckRun.Published(_p384)], audience);
}
