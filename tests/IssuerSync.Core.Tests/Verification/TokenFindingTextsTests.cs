using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Verification;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Verification;

/// <summary>
/// The whole finding a user reads for each token problem: code, severity, message, the cloud's error and the fix, byte for
/// byte; and the edges of the time limits (clock skew, Entra ID's 1 day 1 hour, GCP's 48 hours).
/// </summary>
public sealed class TokenFindingTextsTests : IDisposable
{
    private const string Issuer = TokenCheckRun.Issuer;
    private const string Audience = TokenCheckRun.Audience;
    private const string Subject = TestTokens.Subject;
    private static readonly DateTimeOffset Now = TokenCheckRun.Now;

    private const string IssuerFix =
        "set the cluster's --service-account-issuer to exactly 'https://oidc.example.com/c1' " +
        "(and keep the old one as a second --service-account-issuer while old tokens live), or verify the issuer the tokens name";

    private readonly RSA _rsa = TestKeys.Rsa();
    private readonly RSA _other = TestKeys.Rsa();

    public void Dispose()
    {
        _rsa.Dispose();
        _other.Dispose();
    }

    private string Kid => TestKeys.ExpectedKid(_rsa);

    [Fact]
    public async Task CheckAsync_ReportsTheMalformedFinding_WhenTheTokenIsNoJws()
    {
        var result = await Check("abc");

        Assert.Equal(
            [Finding.Error(
                "TOKEN_MALFORMED",
                "the token is not a JWS compact serialization (three base64url parts separated by '.')",
                CloudErrors.BadSignature,
                "give the token file the kubelet projects (serviceAccountToken volume), or the output of kubectl create token SA")],
            result.Findings);
        Assert.Null(result.Subject);
        Assert.Empty(result.Audiences);
    }

    // Any one of: alg empty, alg none in any case, an empty signature, makes the token unsigned.
    [Theory]
    [InlineData("none", true)]
    [InlineData("NONE", true)]
    [InlineData("None", false)]
    [InlineData("", true)]
    [InlineData("RS256", false)]
    public async Task CheckAsync_ReportsTheUnsignedFinding_WhenAlgIsNoneOrEmptyOrTheSignatureIsEmpty(string alg, bool withSignature)
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        var token = TestTokens.SignRaw(new JsonObject { ["alg"] = alg, ["kid"] = Kid }, claims, input => withSignature ? [1, 2, 3] : []);

        var result = await Check(token);

        Assert.Equal(
            [Finding.Error(
                "TOKEN_ALG_NONE",
                $"the token is unsigned (alg '{alg}'): anyone could have written it",
                CloudErrors.BadSignature,
                "use a token the API server signed (projected serviceAccountToken volume or kubectl create token SA)")],
            result.Findings);
        Assert.Equal(Subject, result.Subject);
        Assert.Equal([Audience], result.Audiences);
    }

    [Fact]
    public async Task CheckAsync_NamesSubAudKidAlgAndExpiry_WhenTheTokenIsValid()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims["aud"] = new JsonArray(Audience, "api://AzureADTokenExchange");

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(
            [
                Finding.Info(
                    "TOKEN_CLAIMS",
                    $"sub '{Subject}', aud [sts.amazonaws.com, api://AzureADTokenExchange]: the cloud's federated credential / trust policy must match these exactly"),
                Finding.Info("TOKEN_OK", $"the token verifies with kid {Kid} (RS256) and is valid until 2026-11-23 10:10:00Z"),
            ],
            result.Findings);
    }

    [Fact]
    public async Task CheckAsync_ReportsTheMissingSubject_WhenTheTokenHasNoSub()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims.Remove("sub");

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(
            [
                Finding.Error(
                    "TOKEN_SUBJECT_MISSING",
                    "the token has no sub: a trust policy cannot match it",
                    CloudErrors.SubjectMismatch,
                    "use a service-account token: its sub is system:serviceaccount:NAMESPACE:NAME"),
                Finding.Info(
                    "TOKEN_CLAIMS",
                    "sub '', aud [sts.amazonaws.com]: the cloud's federated credential / trust policy must match these exactly"),
            ],
            result.Findings);
        Assert.Null(result.Subject);
    }

    [Theory]
    [InlineData(Issuer + "/", "TOKEN_ISSUER_TRAILING_SLASH",
        "the token's iss 'https://oidc.example.com/c1/' differs from the issuer 'https://oidc.example.com/c1' by a trailing slash: clouds compare it byte for byte")]
    [InlineData(Issuer + "//", "TOKEN_ISSUER_TRAILING_SLASH",
        "the token's iss 'https://oidc.example.com/c1//' differs from the issuer 'https://oidc.example.com/c1' by a trailing slash: clouds compare it byte for byte")]
    [InlineData("https://oidc.example.com/C1", "TOKEN_ISSUER_MISMATCH",
        "the token's iss 'https://oidc.example.com/C1' is not the issuer 'https://oidc.example.com/c1'")]
    [InlineData(null, "TOKEN_ISSUER_MISMATCH", "the token's iss '(none)' is not the issuer 'https://oidc.example.com/c1'")]
    public async Task CheckAsync_ReportsTheIssuerFinding_WhenIssIsNotTheIssuerByteForByte(string? iss, string code, string message)
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        if (iss is null)
        {
            claims.Remove("iss");
        }
        else
        {
            claims["iss"] = iss;
        }

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal([Finding.Error(code, message, CloudErrors.IssuerMismatch, IssuerFix)], Errors(result));
    }

    [Fact]
    public async Task CheckAsync_ReportsTheMissingKid_WhenTheHeaderHasNoKid()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        var token = TestTokens.SignRaw(
            new JsonObject { ["alg"] = "RS256" }, claims, input => _rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var result = await Check(token);

        Assert.Equal(
            [Finding.Error(
                "TOKEN_KID_MISSING",
                "the token has no kid in its header: a cloud cannot pick the key",
                CloudErrors.KeyNotFound,
                "use a token kube-apiserver signed (it always sets kid)")],
            Errors(result));
        Assert.DoesNotContain(result.Findings, f => f.Code == "TOKEN_OK");
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "k-one")]
    [InlineData(2, "k-one, k-two")]
    public async Task CheckAsync_ListsThePublishedKids_WhenTheTokensKidIsNotPublished(int published, string list)
    {
        var keys = new[] { Published(_rsa, "k-one"), Published(_other, "k-two") }.Take(published).ToList();

        var result = await Check(TestTokens.Sign(_rsa, TestTokens.Claims(Issuer, Subject, Audience, Now), kid: "k-unknown"), keys);

        Assert.Equal(
            [Finding.Error(
                "TOKEN_KID_UNKNOWN",
                $"the token's kid 'k-unknown' is not in the published JWKS (published: {list})",
                CloudErrors.KeyNotFound,
                "publish the key the cluster signs with (issuersync publish --key the --service-account-key-file / sa.pub), before the cluster uses it")],
            Errors(result));
    }

    [Fact]
    public async Task CheckAsync_ReportsTheAlgMismatchFix_WhenTheTokensAlgIsNotThePublishedKeys()
    {
        var token = TestTokens.Sign(_rsa, TestTokens.Claims(Issuer, Subject, Audience, Now), alg: "RS384");

        var result = await Check(token);

        Assert.Equal(
            [Finding.Error(
                "TOKEN_ALG_MISMATCH",
                $"the token's alg 'RS384' is not the alg of the published key kid {Kid} (RS256)",
                CloudErrors.BadSignature,
                "publish the key the cluster signs with; the kid and alg must match the signing key")],
            Errors(result));
    }

    [Fact]
    public async Task CheckAsync_ReportsTheSignatureFinding_WhenAnotherKeySignedUnderThePublishedKid()
    {
        var token = TestTokens.Sign(_other, TestTokens.Claims(Issuer, Subject, Audience, Now), kid: Kid);

        var result = await Check(token);

        Assert.Equal(
            [Finding.Error(
                "TOKEN_SIGNATURE_INVALID",
                $"the token's signature does not verify with the published key kid {Kid} (RSA 2048)",
                CloudErrors.BadSignature,
                "the published key with this kid is not the key that signed the token: publish the cluster's current public key (issuersync publish --key)")],
            Errors(result));
    }

    [Fact]
    public async Task CheckAsync_ReportsNoExpiry_WhenTheTokenHasNoExp()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims.Remove("exp");

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(
            [Finding.Error(
                "TOKEN_NO_EXPIRY",
                "the token has no exp: it is a legacy secret-based token, which clouds refuse",
                CloudErrors.Expired,
                "use a projected, expiring token (serviceAccountToken volume with an audience) or kubectl create token SA --audience AUD")],
            Errors(result));
    }

    [Fact]
    public async Task CheckAsync_ReportsTheExpiryTimeAndNow_WhenTheTokenExpired()
    {
        var result = await Check(TestTokens.Sign(_rsa, TestTokens.Claims(Issuer, Subject, Audience, Now.AddHours(-1))));

        Assert.Equal(
            [Finding.Error(
                "TOKEN_EXPIRED",
                "the token expired at 2026-11-23 09:10:00Z (now 2026-11-23 10:00:00Z)",
                CloudErrors.Expired,
                "use a fresh token: the kubelet rotates projected tokens; read the file again")],
            Errors(result));
    }

    // Five minutes of skew: nbf and iat up to now + 5 min pass, one second more fails (with the whole finding).
    [Theory]
    [InlineData("nbf", 300, null)]
    [InlineData("nbf", 301, "TOKEN_NOT_YET_VALID")]
    [InlineData("iat", 300, null)]
    [InlineData("iat", 301, "TOKEN_IAT_IN_FUTURE")]
    public async Task CheckAsync_AllowsExactlyFiveMinutesOfSkew_WhenNbfOrIatIsInTheFuture(string claim, int seconds, string? code)
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims[claim] = Now.AddSeconds(seconds).ToUnixTimeSeconds();

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Finding[] expected = code switch
        {
            null => [],
            "TOKEN_NOT_YET_VALID" => [Finding.Error(
                code,
                "the token is not valid before 2026-11-23 10:05:01Z (now 2026-11-23 10:00:00Z)",
                CloudErrors.Expired,
                "check the clocks of the API server and this machine (NTP)")],
            _ => [Finding.Error(
                code,
                "the token was issued at 2026-11-23 10:05:01Z, in the future (now 2026-11-23 10:00:00Z)",
                CloudErrors.GcpIatInFuture,
                "check the clocks of the API server and this machine (NTP)")],
        };
        Assert.Equal(expected, Errors(result));
    }

    [Theory]
    [InlineData(new[] { "iat" }, "the token's iat is not an integer number of seconds")]
    [InlineData(new[] { "nbf" }, "the token's nbf is not an integer number of seconds")]
    [InlineData(new[] { "iat", "exp" }, "the token's iat, exp are not an integer number of seconds")]
    public async Task CheckAsync_ReportsTimestampsThatAreNoIntegers_AsAwsStsDoes(string[] names, string message)
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        foreach (var name in names)
        {
            claims[name] = claims[name]!.GetValue<long>() + 0.5;
        }

        var result = await Check(TestTokens.Sign(_rsa, claims));

        var finding = Assert.Single(result.Findings, f => f.Code == "TOKEN_TIMESTAMP_NOT_INTEGER");
        Assert.Equal(
            Finding.Error(
                "TOKEN_TIMESTAMP_NOT_INTEGER",
                message,
                CloudErrors.AwsTimestampFormat,
                "use a token kube-apiserver minted: it writes iat, nbf and exp as integers"),
            finding);
        Assert.DoesNotContain(result.Findings, f => f.Code is "TOKEN_IAT_MISSING" or "TOKEN_OK");
    }

    // (Microsoft.IdentityModel refuses true, null or a string of no number as iat: the token is malformed.)
    [Fact]
    public async Task CheckAsync_ReportsAnIatThatIsAString_AsNotAnIntegerRatherThanMissing()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims["iat"] = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(["TOKEN_TIMESTAMP_NOT_INTEGER"], Errors(result).Select(f => f.Code));
        Assert.Equal("the token's iat is not an integer number of seconds", Errors(result)[0].Message);
    }

    [Fact]
    public async Task CheckAsync_ReportsTheMissingIatOnly_WhenTheTokenHasNoIat()
    {
        // exp is 30 hours after now: were iat read as 0, the lifetime would break both clouds' limits.
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now, TimeSpan.FromHours(30));
        claims.Remove("iat");

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(
            [Finding.Error(
                "TOKEN_IAT_MISSING",
                "the token has no iat: Entra ID computes the lifetime as exp - iat and GCP STS requires iat",
                CloudErrors.IatMissing,
                "use a service-account token kube-apiserver minted (projected volume or kubectl create token SA): it always sets iat")],
            Errors(result));
    }

    [Fact]
    public async Task CheckAsync_ReportsTheMissingIat_WhenAnotherTimestampIsNoDate()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims.Remove("iat");
        claims["exp"] = long.MaxValue;

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(["TOKEN_TIMESTAMP_OUT_OF_RANGE", "TOKEN_IAT_MISSING"], Errors(result).Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_NamesEveryTimestampOutOfRange_WithTheFix()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims["iat"] = long.MaxValue;
        claims["nbf"] = long.MinValue;
        claims["exp"] = 253402300800;

        var result = await Check(TestTokens.Sign(_rsa, claims));

        Assert.Equal(
            Finding.Error(
                "TOKEN_TIMESTAMP_OUT_OF_RANGE",
                "the token's iat (9223372036854775807), nbf (-9223372036854775808) and exp (253402300800) are not dates between the years 1 and 9999",
                null,
                "use a token kube-apiserver minted: its iat, nbf and exp are seconds since 1970 of the time it was issued"),
            Assert.Single(result.Findings, f => f.Code == "TOKEN_TIMESTAMP_OUT_OF_RANGE"));
    }

    // Entra ID accepts exp - iat up to 90000 s (1.01:00:00); GCP STS below 172800 s (48 h).
    [Theory]
    [InlineData(90000, new string[0])]
    [InlineData(90001, new[] { "TOKEN_LIFETIME_TOO_LONG_ENTRA" })]
    [InlineData(172799, new[] { "TOKEN_LIFETIME_TOO_LONG_ENTRA" })]
    [InlineData(172800, new[] { "TOKEN_LIFETIME_TOO_LONG_ENTRA", "TOKEN_LIFETIME_TOO_LONG_GCP" })]
    public async Task CheckAsync_AppliesEachCloudsLifetimeLimitToTheSecond(int seconds, string[] codes)
    {
        var token = TestTokens.Lived(_rsa, Issuer, Audience, Now.AddMinutes(-1), TimeSpan.FromSeconds(seconds));

        var result = await Check(token);

        Assert.Equal(codes, Errors(result).Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_DescribesTheLifetimeAndNamesBothCloudsFixes_WhenTheTokenLivesTooLong()
    {
        var lifetime = new TimeSpan(2, 3, 4, 5);
        var token = TestTokens.Lived(_rsa, Issuer, Audience, Now.AddMinutes(-1), lifetime);

        var result = await Check(token);

        Assert.Equal(
            [
                Finding.Error(
                    "TOKEN_LIFETIME_TOO_LONG_ENTRA",
                    "the token lives 2 d 3 h 4 min 5 s (exp - iat = 183845 s), longer than the 1 day 1 hour (90000 s) Entra ID accepts",
                    CloudErrors.EntraLifetime,
                    "give the projected serviceAccountToken volume expirationSeconds: " +
                    "86400 or less (3600 is common; not 3607, which kube-apiserver extends to a year), or kubectl create token SA --duration 1h"),
                Finding.Error(
                    "TOKEN_LIFETIME_TOO_LONG_GCP",
                    "the token lives 2 d 3 h 4 min 5 s (exp - iat = 183845 s): GCP STS requires less than 48 hours (172800 s)",
                    CloudErrors.GcpLifetime,
                    "give the projected serviceAccountToken volume expirationSeconds below 172800 (3600 is common), or kubectl create token SA --duration 1h"),
            ],
            Errors(result));
    }

    [Fact]
    public async Task CheckAsync_DescribesALifetimeJustOverADay_InDaysHoursMinutesAndSeconds()
    {
        var token = TestTokens.Lived(_rsa, Issuer, Audience, Now.AddMinutes(-1), TimeSpan.FromSeconds(90001));

        var result = await Check(token);

        Assert.StartsWith("the token lives 1 d 1 h 0 min 1 s (exp - iat = 90001 s),", Assert.Single(Errors(result)).Message);
    }

    [Fact]
    public async Task CheckAsync_ListsEveryAudienceAndNamesTheFix_WhenTheExpectedAudienceIsMissing()
    {
        var claims = TestTokens.Claims(Issuer, Subject, Audience, Now);
        claims["aud"] = new JsonArray("https://kubernetes.default.svc", "k3s");

        var result = await Check(TestTokens.Sign(_rsa, claims), audience: "api://AzureADTokenExchange");

        Assert.Equal(
            [Finding.Error(
                "TOKEN_AUDIENCE_MISMATCH",
                "the token's aud [https://kubernetes.default.svc, k3s] does not contain 'api://AzureADTokenExchange'",
                CloudErrors.AudienceMismatch,
                "project the token with audience 'api://AzureADTokenExchange' " +
                "(serviceAccountToken.audience in the pod spec, or kubectl create token SA --audience api://AzureADTokenExchange)")],
            Errors(result));
    }

    [Fact]
    public async Task CheckAsync_AcceptsAnyAudience_WhenNoneIsExpected()
    {
        var result = await Check(TestTokens.Sign(_rsa, TestTokens.Claims(Issuer, Subject, "anything", Now)), audience: null);

        Assert.Empty(Errors(result));
        Assert.Contains(result.Findings, f => f.Code == "TOKEN_OK");
    }

    // An external signer (or a hand-made JWKS) may publish a key under a kid other than Kubernetes': a cloud picks the key by the
    // published kid and verifies the signature, so verify must too (JwksChecks reports the kid itself).
    [Fact]
    public async Task CheckAsync_VerifiesTheSignature_WhenTheKeyIsPublishedUnderAKidOtherThanKubernetes()
    {
        var token = TestTokens.Sign(_rsa, TestTokens.Claims(Issuer, Subject, Audience, Now), kid: "external-signer-1");

        var result = await Check(token, [Published(_rsa, "external-signer-1")]);

        Assert.Equal(["TOKEN_CLAIMS", "TOKEN_OK"], result.Findings.Select(f => f.Code));
        Assert.Equal("the token verifies with kid external-signer-1 (RS256) and is valid until 2026-11-23 10:10:00Z", result.Findings[1].Message);
    }

    private static List<Finding> Errors(TokenCheckResult result) => result.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();

    private Task<TokenCheckResult> Check(string token, IReadOnlyList<PublishedKey>? keys = null, string? audience = Audience)
        => TokenCheckRun.CheckAsync(token, keys ?? [Published(_rsa, Kid)], audience);

    private static PublishedKey Published(AsymmetricAlgorithm key, string kid) => TokenCheckRun.Published(key, kid);
}
