using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Core.Verification;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Core.Tests.Verification;

/// <summary>The whole finding a user reads for each JWKS problem (code, severity, message, cloud error, fix), and the cache lifetime read.</summary>
public sealed class JwksFindingTextsTests : IDisposable
{
    private const string Url = "https://oidc.example.com/c1/openid/v1/jwks";

    private const string KeyInvalidFix =
        "publish the JWKS issuersync builds from the cluster's public keys " +
        "(RSA ≥ 2048 bits or EC P-256/384/521, with kty, kid, alg, use: sig, and no private member)";

    private readonly RSA _rsa = TestKeys.Rsa();
    private readonly ECDsa _ec = TestKeys.Ec("P-384");

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    [Fact]
    public void Check_ReportsOnlyTheResponseFinding_WhenTheJwksIsNotServed()
    {
        var response = Responses.Json(Url, "", cacheControl: "max-age=60") with { StatusCode = 404 };

        var result = JwksChecks.Check(response);

        Assert.Equal(["JWKS_NOT_FOUND"], result.Findings.Select(f => f.Code));
        Assert.Empty(result.Keys);
        Assert.Null(result.CacheMaxAgeSeconds);
    }

    [Fact]
    public void Check_ReportsNotJsonWithTheFix_WhenTheBodyIsNoJson()
    {
        var result = JwksChecks.Check(Responses.Json(Url, "{\"keys\": [", cacheControl: "max-age=60"));

        var finding = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal("JWKS_NOT_JSON", finding.Code);
        Assert.StartsWith($"the JWKS at {Url} is not valid JSON (", finding.Message);
        Assert.EndsWith(")", finding.Message);
        Assert.Equal(CloudErrors.KeyNotFound, finding.CloudError);
        Assert.Equal("publish the JWKS issuersync builds: issuersync jwks --key KEY", finding.Fix);
        Assert.Equal(60, result.CacheMaxAgeSeconds);
    }

    // A JWKS is two levels deep; the reader stops at 16 so a forged document cannot make it recurse deeply.
    [Theory]
    [InlineData(14, null)]
    [InlineData(15, "JWKS_NOT_JSON")]
    [InlineData(40, "JWKS_NOT_JSON")]
    public void Check_RefusesNestingDeeperThanSixteen_AsNotJson(int depth, string? code)
    {
        var body = "{\"keys\":[" + new string('[', depth) + new string(']', depth) + "]}";

        var result = JwksChecks.Check(Responses.Json(Url, body));

        var error = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(code ?? "JWKS_KEY_INVALID", error.Code);
    }

    [Theory]
    [InlineData("{\"keys\": {}}", "JWKS_NOT_JWKS",
        "the document at " + Url + " is not a JWKS: expected an object with a \"keys\" array",
        "point jwks_uri at the JWKS (RFC 7517), not at a single key or another document")]
    [InlineData("{\"keys\": []}", "JWKS_EMPTY",
        "the JWKS at " + Url + " has no keys: no token can be verified",
        "publish the cluster's service-account public keys: issuersync publish --key KEY")]
    public void Check_ReportsTheShapeFinding_WhenTheDocumentHoldsNoKeys(string body, string code, string message, string fix)
    {
        var result = JwksChecks.Check(Responses.Json(Url, body));

        Assert.Equal([Finding.Error(code, message, CloudErrors.KeyNotFound, fix)], result.Findings.Where(f => f.Severity == FindingSeverity.Error));
    }

    [Fact]
    public void Check_CountsTheKeys_WhenTheJwksHasTooMany()
    {
        var keys = Enumerable.Range(0, 101).Select(i => TestIssuerDocuments.Jwk(_rsa, $"kid-{i}")).ToArray();

        var result = Check(TestIssuerDocuments.Jwks(keys));

        Assert.Equal(
            [Finding.Error(
                "JWKS_TOO_MANY_KEYS",
                "the JWKS has 101 keys; more than 100 is not a service-account key set",
                CloudErrors.KeyNotFound,
                "publish only the cluster's current and retained service-account keys")],
            result.Findings.Where(f => f.Severity == FindingSeverity.Error));
        Assert.Empty(result.Keys);
    }

    [Fact]
    public void Check_NamesEveryKeyWithItsKid_WhenTheJwksIsCorrect()
    {
        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(_rsa), TestIssuerDocuments.Jwk(_ec)));

        Assert.Equal(
            Finding.Info(
                "JWKS_OK",
                $"JWKS at {Url}: 2 key(s): RSA 2048 kid {TestKeys.ExpectedKid(_rsa)}, EC P-384 kid {TestKeys.ExpectedKid(_ec)}"),
            result.Findings[^1]);
    }

    [Fact]
    public void Check_ReportsNoOk_WhenOneOfTheKeysIsBroken()
    {
        using var small = TestKeys.Rsa(1024);

        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(_rsa), TestIssuerDocuments.Jwk(small)));

        Assert.Equal(["JWKS_CACHE", "JWKS_KEY_INVALID"], result.Findings.Select(f => f.Code));
        Assert.Equal(KeyInvalidFix, result.Findings[1].Fix);
        Assert.Equal(CloudErrors.KeyNotFound, result.Findings[1].CloudError);
        Assert.Equal([TestKeys.ExpectedKid(_rsa)], result.Keys.Select(k => k.Kid));
    }

    [Fact]
    public void Check_ReportsTheDuplicateAndKeepsTheFirst_WhenTwoKeysShareAKid()
    {
        var kid = TestKeys.ExpectedKid(_rsa);

        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(_rsa), TestIssuerDocuments.Jwk(_ec, kid)));

        Assert.Equal(
            [Finding.Error(
                "JWKS_KID_DUPLICATE",
                $"key 2 (kid {kid}): kid '{kid}' appears twice: a cloud cannot tell which key verifies a token",
                CloudErrors.BadSignature,
                "publish each key once; distinct keys need distinct kids (issuersync computes Kubernetes' kid)")],
            result.Findings.Where(f => f.Severity == FindingSeverity.Error));
        Assert.Equal(["RS256"], result.Keys.Select(k => k.Key.Algorithm));
    }

    [Fact]
    public void Check_WarnsAndStillPublishesTheKey_WhenAKeyHasNoUse()
    {
        var jwk = TestIssuerDocuments.Jwk(_rsa);
        jwk.Remove("use");

        var result = Check(TestIssuerDocuments.Jwks(jwk));

        Assert.Equal(
            Finding.Warning(
                "JWKS_KEY_NO_USE",
                $"key 1 (kid {TestKeys.ExpectedKid(_rsa)}): no 'use' member",
                "some verifiers skip keys without use: sig",
                "publish the JWKS issuersync builds (every key has use: sig)"),
            Assert.Single(result.Findings, f => f.Code == "JWKS_KEY_NO_USE"));
        Assert.Single(result.Keys);
        Assert.Equal("JWKS_OK", result.Findings[^1].Code);
    }

    [Fact]
    public void Check_NamesTheFix_WhenTheKidIsNotKubernetes()
    {
        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(_rsa, "my-key")));

        var finding = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(CloudErrors.KeyNotFound, finding.CloudError);
        Assert.Equal(
            "publish the JWKS with issuersync (it computes the kid as kube-apiserver does: base64url(SHA-256(DER public key)))",
            finding.Fix);
    }

    // The parser names the key "key 1 (kid X)": the finding keeps only the reason, even when the kid itself holds ": ".
    [Theory]
    [InlineData("plain")]
    [InlineData("a: b")]
    [InlineData("key 1: x")]
    public void Check_StatesOnlyTheReason_WhateverTheKidHolds(string kid)
    {
        var jwk = TestIssuerDocuments.Jwk(_rsa, kid);
        jwk.Remove("alg");

        var result = Check(TestIssuerDocuments.Jwks(jwk));

        Assert.Equal(
            [Finding.Error("JWKS_KEY_INVALID", "key 1: no alg; expected 'RS256'", CloudErrors.KeyNotFound, KeyInvalidFix)],
            result.Findings.Where(f => f.Severity == FindingSeverity.Error));
    }

    [Theory]
    [InlineData(null, "the JWKS has no Cache-Control header: caches and CDNs pick their own lifetime")]
    [InlineData(" ", "the JWKS has no Cache-Control header: caches and CDNs pick their own lifetime")]
    [InlineData("max-age=3600", "the JWKS is served with Cache-Control: max-age=3600")]
    public void Check_StatesTheCacheControl_WhenTheLifetimeIsShort(string? cacheControl, string message)
    {
        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(_rsa)), cacheControl);

        Assert.Equal(Finding.Info("JWKS_CACHE", message), result.Findings[0]);
    }

    // The longest lifetime any cache may use counts: s-maxage for shared caches, max-age for the others.
    [Theory]
    [InlineData("max-age=7200, s-maxage=60", 7200)]
    [InlineData("s-maxage=7200", 7200)]
    [InlineData("max-age=60,, S-MAXAGE = 7200", 7200)]
    public void Check_WarnsWithTheLongestLifetime_WhenCachesMayKeepTheJwksLong(string cacheControl, int seconds)
    {
        var result = Check(TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(_rsa)), cacheControl);

        Assert.Equal(seconds, result.CacheMaxAgeSeconds);
        Assert.Equal(
            Finding.Warning(
                "JWKS_CACHE_LONG",
                $"the JWKS may be cached for {seconds} s (Cache-Control: {cacheControl}): a new key is seen that much later after a rotation",
                "tokens signed with a new key fail until caches expire (AADSTS7000272, InvalidIdentityToken)",
                "publish with a Cache-Control max-age of at most 3600 s (issuersync publish's default is short), " +
                "and publish new keys before the cluster signs with them"),
            result.Findings[0]);
    }

    private static JwksCheckResult Check(JsonObject jwks, string? cacheControl = "max-age=300")
        => JwksChecks.Check(Responses.Json(Url, jwks.ToJsonString(), cacheControl: cacheControl));
}
