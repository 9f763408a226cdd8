using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Core.Verification;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Core.Tests.Verification;

public sealed class JwksChecksTests
{
    private const string Url = "https://oidc.example.com/c1/openid/v1/jwks";

    [Fact]
    public void Check_ReturnsKeysUnderPublishedKids_WhenJwksIsCorrect()
    {
        using var rsa = TestKeys.Rsa();
        using var ec = TestKeys.Ec("P-384");

        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(rsa), TestIssuerDocuments.Jwk(ec)), "max-age=300");

        Assert.Equal([TestKeys.ExpectedKid(rsa), TestKeys.ExpectedKid(ec)], result.Keys.Select(k => k.Kid));
        Assert.Equal(["RS256", "ES384"], result.Keys.Select(k => k.Key.Algorithm));
        Assert.Equal(["JWKS_CACHE", "JWKS_OK"], result.Findings.Select(f => f.Code));
        Assert.Equal(300, result.CacheMaxAgeSeconds);
    }

    [Theory]
    [InlineData("max-age=3600", 3600, "JWKS_CACHE")]
    [InlineData("public, max-age=3601", 3601, "JWKS_CACHE_LONG")]
    [InlineData("max-age=60, s-maxage=86400", 86400, "JWKS_CACHE_LONG")]
    [InlineData("max-age=\"7200\"", 7200, "JWKS_CACHE_LONG")]
    [InlineData("no-cache", null, "JWKS_CACHE")]
    [InlineData("max-age=abc", null, "JWKS_CACHE")]
    [InlineData(null, null, "JWKS_CACHE")]
    public void Check_ReadsCacheLifetime_WhenCacheControlIsServed(string? cacheControl, int? maxAge, string code)
    {
        using var rsa = TestKeys.Rsa();

        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(rsa)), cacheControl);

        Assert.Equal(maxAge, result.CacheMaxAgeSeconds);
        Assert.Equal(code, result.Findings[0].Code);
        Assert.Equal(code == "JWKS_CACHE_LONG" ? FindingSeverity.Warning : FindingSeverity.Info, result.Findings[0].Severity);
    }

    [Fact]
    public void Check_ReportsKidNotKubernetes_WhenKidIsASha1OfTheKey()
    {
        using var rsa = TestKeys.Rsa();
        var sha1Kid = Convert.ToHexString(SHA1.HashData(rsa.ExportSubjectPublicKeyInfo())).ToLowerInvariant();

        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(rsa, sha1Kid)));

        var finding = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal("JWKS_KID_NOT_KUBERNETES", finding.Code);
        Assert.Equal($"key 1 (kid {sha1Kid}): the kid is not the one Kubernetes computes for this key ('{TestKeys.ExpectedKid(rsa)}'): the cluster's tokens name that kid, which is not published", finding.Message);
        Assert.Equal(sha1Kid, Assert.Single(result.Keys).Kid);
    }

    [Theory]
    [InlineData("d", "has the private member 'd'")]
    [InlineData("p", "has the private member 'p'")]
    [InlineData("k", "has the private member 'k'")]
    public void Check_ReportsKeyInvalid_WhenKeyHasAPrivateMember(string member, string message)
    {
        using var rsa = TestKeys.Rsa();
        var jwk = TestIssuerDocuments.Jwk(rsa);
        jwk[member] = "AQAB";

        var result = Check(TestIssuerDocuments.Jwks(jwk));

        var finding = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal("JWKS_KEY_INVALID", finding.Code);
        Assert.StartsWith($"key 1: {message}", finding.Message);
        Assert.Empty(result.Keys);
    }

    [Fact]
    public void Check_NamesTheSecondKey_WhenOnlyTheSecondIsBroken()
    {
        using var good = TestKeys.Rsa();
        using var small = TestKeys.Rsa(1024);

        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(good), TestIssuerDocuments.Jwk(small)));

        var finding = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.StartsWith("key 2: RSA key is 1024 bits", finding.Message);
        Assert.Equal([TestKeys.ExpectedKid(good)], result.Keys.Select(k => k.Kid));
    }

    [Fact]
    public void Check_ReportsTooManyKeys_WhenJwksHasMoreThanTheParserAccepts()
    {
        using var rsa = TestKeys.Rsa();
        var keys = Enumerable.Range(0, 101).Select(i => TestIssuerDocuments.Jwk(rsa, $"kid-{i}")).ToArray();

        var result = Check(TestIssuerDocuments.Jwks(keys));

        Assert.Equal("JWKS_TOO_MANY_KEYS", Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error).Code);
    }

    [Theory]
    [InlineData("{\"keys\": {}}", "JWKS_NOT_JWKS")]
    [InlineData("{\"kty\": \"RSA\"}", "JWKS_NOT_JWKS")]
    [InlineData("{\"keys\": []}", "JWKS_EMPTY")]
    [InlineData("{\"keys\": [", "JWKS_NOT_JSON")]
    [InlineData("{\"keys\": [42]}", "JWKS_KEY_INVALID")]
    public void Check_ReportsShape_WhenDocumentIsNotAUsableJwks(string body, string code)
    {
        var result = JwksChecks.Check(Responses.Json(Url, body));

        Assert.Equal(code, Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error).Code);
        Assert.Empty(result.Keys);
    }

    private static JwksCheckResult Check(JsonObject jwks, string? cacheControl = "max-age=300")
        => JwksChecks.Check(Responses.Json(Url, jwks.ToJsonString(), cacheControl: cacheControl));
}
