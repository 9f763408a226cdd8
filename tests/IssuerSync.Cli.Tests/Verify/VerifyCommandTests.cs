using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Cli.Tests.Verify;

[Collection(IssuerServerCollection.Name)]
public sealed class VerifyCommandTests(IssuerServerFixture fixture)
{
    private const int VerificationFailed = 4;

    public static TheoryData<string, string> BrokenIssuers => new()
    {
        { "wrong-path", "DISCOVERY_NOT_FOUND" },
        { "redirect", "DISCOVERY_REDIRECT" },
        { "forbidden", "DISCOVERY_NOT_ANONYMOUS" },
        { "public-access-not-permitted", "DISCOVERY_NOT_ANONYMOUS" },
        { "server-error", "DISCOVERY_STATUS" },
        { "discovery-octet-stream", "DISCOVERY_CONTENT_TYPE" },
        { "discovery-no-content-type", "DISCOVERY_CONTENT_TYPE" },
        { "discovery-huge", "DISCOVERY_TOO_LARGE" },
        { "discovery-not-json", "DISCOVERY_NOT_JSON" },
        { "discovery-array", "DISCOVERY_NOT_JSON" },
        { "discovery-empty", "DISCOVERY_NOT_JSON" },
        { "issuer-trailing-slash", "DISCOVERY_ISSUER_TRAILING_SLASH" },
        { "issuer-other", "DISCOVERY_ISSUER_MISMATCH" },
        { "issuer-missing", "DISCOVERY_ISSUER_MISSING" },
        { "jwks-uri-missing", "DISCOVERY_JWKS_URI_MISSING" },
        { "jwks-uri-http", "DISCOVERY_JWKS_URI_INVALID" },
        { "jwks-uri-relative", "DISCOVERY_JWKS_URI_INVALID" },
        { "response-types-missing", "DISCOVERY_FIELD_MISSING" },
        { "alg-not-advertised", "DISCOVERY_ALG_NOT_ADVERTISED" },
        { "jwks-not-found", "JWKS_NOT_FOUND" },
        { "jwks-redirect", "JWKS_REDIRECT" },
        { "jwks-text-plain", "JWKS_CONTENT_TYPE" },
        { "jwks-not-json", "JWKS_NOT_JSON" },
        { "jwks-single-key", "JWKS_NOT_JWKS" },
        { "jwks-empty", "JWKS_EMPTY" },
        { "jwks-rsa-1024", "JWKS_KEY_INVALID" },
        { "jwks-private-member", "JWKS_KEY_INVALID" },
        { "jwks-ec-alg-mismatch", "JWKS_KEY_INVALID" },
        { "jwks-kid-missing", "JWKS_KEY_INVALID" },
        { "jwks-kty-unknown", "JWKS_KEY_INVALID" },
        { "jwks-kid-duplicate", "JWKS_KID_DUPLICATE" },
        { "jwks-kid-sha1", "JWKS_KID_NOT_KUBERNETES" },
    };

    [Fact]
    public async Task Verify_ExitsZeroWithOkFindings_WhenIssuerIsCorrect()
    {
        fixture.Publish("good");

        var run = await Verify("good");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Empty(run.ErrorCodes());
        var codes = run.Findings().Select(f => f.Code).ToList();
        Assert.Equal(["DISCOVERY_OK", "JWKS_CACHE", "JWKS_OK"], codes);
        Assert.Contains("Cache-Control: public, max-age=300", run.Findings()[1].Message);
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.Equal(fixture.Issuer("good"), report.RootElement.GetProperty("issuer").GetString());
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(BrokenIssuers))]
    public async Task Verify_ReportsTheCheckAndExitsFour_WhenOneThingIsBroken(string name, string expectedCode)
    {
        fixture.Publish(name, Break(name));

        var run = await Verify(name);

        Assert.Equal(VerificationFailed, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(expectedCode, run.ErrorCodes()[0]);
        using var report = JsonDocument.Parse(run.Stdout);
        var first = report.RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == expectedCode);
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("cloudError").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("fix").GetString()));
        Assert.False(report.RootElement.GetProperty("ok").GetBoolean());
    }

    [Theory]
    [InlineData("wrong-path-message", "answered 404 Not Found")]
    [InlineData("issuer-trailing-slash-message", "differs from")]
    [InlineData("jwks-rsa-1024-message", "RSA key is 1024 bits; at least 2048 are required")]
    [InlineData("jwks-private-member-message", "has the private member 'd'")]
    [InlineData("jwks-ec-alg-mismatch-message", "alg 'ES384' does not match the key (EC P-256 signs with ES256)")]
    [InlineData("redirect-message", "answered 302 redirecting to https://example.com/elsewhere")]
    public async Task Verify_NamesTheProblem_WhenOneThingIsBroken(string name, string expectedMessage)
    {
        fixture.Publish(name, Break(name.Replace("-message", string.Empty, StringComparison.Ordinal)));

        var run = await Verify(name);

        Assert.Equal(VerificationFailed, run.ExitCode);
        Assert.Contains(run.Findings(), f => f.Severity == "error" && f.Message.Contains(expectedMessage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_NamesTheTrailingSlash_WhenIssuerArgumentHasOneTheDocumentLacks()
    {
        fixture.Publish("slash-arg");

        var run = await CliRun.RunAsync("verify", fixture.Issuer("slash-arg") + "/", "--ca-cert", fixture.CaFile, "--output", "json");

        Assert.Equal(VerificationFailed, run.ExitCode);
        var finding = Assert.Single(run.Findings(), f => f.Severity == "error");
        Assert.Equal("DISCOVERY_ISSUER_TRAILING_SLASH", finding.Code);
        Assert.Equal($"the discovery document's issuer '{fixture.Issuer("slash-arg")}' differs from '{fixture.Issuer("slash-arg")}/' by a trailing slash: clouds compare the issuer byte for byte", finding.Message);
    }

    [Theory]
    [InlineData("public, max-age=86400", "warning", "JWKS_CACHE_LONG")]
    [InlineData("s-maxage=7200, max-age=60", "warning", "JWKS_CACHE_LONG")]
    [InlineData("max-age=3600", "info", "JWKS_CACHE")]
    [InlineData(null, "info", "JWKS_CACHE")]
    public async Task Verify_ReportsCacheLifetime_WhenJwksHasCacheControl(string? cacheControl, string severity, string code)
    {
        var name = "cache-" + (cacheControl ?? "none").Replace(' ', '-').Replace(',', '-').Replace('=', '-');
        fixture.Publish(name, p => p.CacheControl = cacheControl);

        var run = await Verify(name);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Findings(), f => f.Severity == severity && f.Code == code);
    }

    [Fact]
    public async Task Verify_WarnsButPasses_WhenAKeyHasNoUse()
    {
        fixture.Publish("no-use", p => p.Jwks["keys"]![0]!.AsObject().Remove("use"));

        var run = await Verify("no-use");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Findings(), f => f.Severity == "warning" && f.Code == "JWKS_KEY_NO_USE");
    }

    [Fact]
    public async Task Verify_ReportsUntrustedCertificate_WhenCaCertIsNotGiven()
    {
        fixture.Publish("no-ca");

        var run = await CliRun.RunAsync("verify", fixture.Issuer("no-ca"), "--output", "json");

        Assert.Equal(VerificationFailed, run.ExitCode);
        var finding = Assert.Single(run.Findings());
        Assert.Equal("DISCOVERY_UNREACHABLE", finding.Code);
        Assert.Contains("is not trusted", finding.Message);
        Assert.Contains("clouds accept only publicly trusted certificates", finding.Message);
    }

    [Fact]
    public async Task Verify_ReportsUntrustedCertificate_WhenCaCertIsAnotherCa()
    {
        fixture.Publish("other-ca");
        using var other = new TestCertificates("Another CA");
        var otherCa = fixture.File("other-ca.pem", other.CaPem);

        var run = await CliRun.RunAsync("verify", fixture.Issuer("other-ca"), "--ca-cert", otherCa, "--output", "json");

        Assert.Equal(VerificationFailed, run.ExitCode);
        var finding = Assert.Single(run.Findings());
        Assert.Equal("DISCOVERY_UNREACHABLE", finding.Code);
        Assert.Contains("does not chain to a public root nor to --ca-cert", finding.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1/cluster", "ISSUER_NOT_HTTPS")]
    [InlineData("https://example.com/cluster?x=1", "ISSUER_URL_INVALID")]
    [InlineData("oidc.example.com", "ISSUER_URL_INVALID")]
    public async Task Verify_RefusesIssuerWithoutFetching_WhenIssuerUrlIsNotACloudIssuer(string issuer, string code)
    {
        var run = await CliRun.RunAsync("verify", issuer, "--output", "json");

        Assert.Equal(VerificationFailed, run.ExitCode);
        var finding = Assert.Single(run.Findings());
        Assert.Equal(code, finding.Code);
    }

    [Fact]
    public async Task Verify_PrintsTable_WhenOutputIsTable()
    {
        fixture.Publish("table", Break("issuer-trailing-slash"));

        var run = await CliRun.RunAsync("verify", fixture.Issuer("table"), "--ca-cert", fixture.CaFile);

        Assert.Equal(VerificationFailed, run.ExitCode);
        Assert.Contains("DISCOVERY_ISSUER_TRAILING_SLASH", run.Stdout);
        Assert.Contains("Cloud: Entra ID: AADSTS700211", run.Stdout);
        Assert.Contains("Fix: make the cluster's --service-account-issuer", run.Stdout);
        Assert.EndsWith("FAILED: 1 error(s), 0 warning(s).\n", run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Verify_SaysTheCloudsWouldRefuseTheCertificate_WhenOnlyCaCertMakesItValid()
    {
        fixture.Publish("private-ca");

        var table = await CliRun.RunAsync("verify", fixture.Issuer("private-ca"), "--ca-cert", fixture.CaFile);
        var json = await Verify("private-ca");

        Assert.Equal(0, table.ExitCode);
        Assert.DoesNotContain("the clouds can fetch and trust this issuer", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("with the --ca-cert roots; the clouds trust public CAs only and would refuse the certificate of 127.0.0.1:", table.Stdout.ReplaceLineEndings(" "), StringComparison.Ordinal);
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.StartsWith("127.0.0.1:", report.RootElement.GetProperty("trustedOnlyByCaCert")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExitsTwo_WhenCaCertFileIsMissing()
    {
        var run = await CliRun.RunAsync("verify", fixture.Issuer("good"), "--ca-cert", "/nonexistent/ca.pem");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("issuersync: error: --ca-cert /nonexistent/ca.pem: cannot read a PEM certificate", run.Stderr);
    }

    [Fact]
    public async Task Verify_ExitsOneWithoutFetching_WhenAudienceIsGivenWithoutToken()
    {
        var run = await CliRun.RunAsync("verify", fixture.Issuer("good"), "--audience", "sts.amazonaws.com");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--audience checks the token's aud: give --token FILE too", run.Stderr);
    }

    private Task<CliRun> Verify(string name) => CliRun.RunAsync("verify", fixture.Issuer(name), "--ca-cert", fixture.CaFile, "--output", "json");

    private Action<IssuerServerFixture.PublishedIssuer> Break(string name) => p =>
    {
        var issuer = (string)p.Discovery["issuer"]!;
        var firstKey = p.Jwks["keys"]![0]!.AsObject();
        switch (name)
        {
            case "wrong-path": p.DiscoveryPath = ".well-known/oidc-configuration"; break;
            case "redirect": p.DiscoveryStatus = 302; p.DiscoveryHeaders = new() { ["Location"] = "https://example.com/elsewhere" }; break;
            case "forbidden": p.DiscoveryStatus = 403; break;
            case "public-access-not-permitted": p.DiscoveryStatus = 409; break;
            case "server-error": p.DiscoveryStatus = 500; break;
            case "discovery-octet-stream": p.DiscoveryContentType = "application/octet-stream"; break;
            case "discovery-no-content-type": p.DiscoveryContentType = null; break;
            case "discovery-huge": p.DiscoveryBody = new string(' ', 70 * 1024) + p.Discovery.ToJsonString(); break;
            case "discovery-not-json": p.DiscoveryBody = "<html>not found</html>"; break;
            case "discovery-array": p.DiscoveryBody = "[]"; break;
            case "discovery-empty": p.DiscoveryBody = string.Empty; break;
            case "issuer-trailing-slash": p.Discovery["issuer"] = issuer + "/"; break;
            case "issuer-other": p.Discovery["issuer"] = "https://kubernetes.default.svc.cluster.local"; break;
            case "issuer-missing": p.Discovery.Remove("issuer"); break;
            case "jwks-uri-missing": p.Discovery.Remove("jwks_uri"); break;
            case "jwks-uri-http": p.Discovery["jwks_uri"] = issuer.Replace("https://", "http://", StringComparison.Ordinal) + "/openid/v1/jwks"; break;
            case "jwks-uri-relative": p.Discovery["jwks_uri"] = "/openid/v1/jwks"; break;
            case "response-types-missing": p.Discovery.Remove("response_types_supported"); break;
            case "alg-not-advertised": p.Discovery["id_token_signing_alg_values_supported"] = new JsonArray("RS256"); break;
            case "jwks-not-found": p.JwksStatus = 404; break;
            case "jwks-redirect": p.JwksStatus = 301; break;
            case "jwks-text-plain": p.JwksContentType = "text/plain"; break;
            case "jwks-not-json": p.JwksBody = "{\"keys\": ["; break;
            case "jwks-single-key": p.JwksBody = firstKey.ToJsonString(); break;
            case "jwks-empty": p.Jwks = TestIssuerDocuments.Jwks(); break;
            case "jwks-rsa-1024":
            {
                using var small = TestKeys.Rsa(1024);
                p.Jwks = TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(small));
                break;
            }

            case "jwks-private-member": firstKey["d"] = TestIssuerDocuments.B64(fixture.Rsa.ExportParameters(true).D!); break;
            case "jwks-ec-alg-mismatch": p.Jwks["keys"]![1]!["alg"] = "ES384"; break;
            case "jwks-kid-missing": firstKey.Remove("kid"); break;
            case "jwks-kty-unknown": firstKey["kty"] = "OKP"; break;
            case "jwks-kid-duplicate": p.Jwks["keys"]![1]!["kid"] = (string)firstKey["kid"]!; break;
            case "jwks-kid-sha1":
                firstKey["kid"] = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(fixture.Rsa.ExportSubjectPublicKeyInfo())).ToLowerInvariant();
                break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "no such broken issuer");
        }
    };
}
