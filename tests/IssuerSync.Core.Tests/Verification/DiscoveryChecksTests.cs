using System.Text.Json.Nodes;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Verification;

namespace IssuerSync.Core.Tests.Verification;

public sealed class DiscoveryChecksTests
{
    private const string Issuer = "https://oidc.example.com/c1";

    private static JsonObject Document() => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + "/openid/v1/jwks",
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("ES256", "RS256"),
    };

    [Fact]
    public void Check_ReturnsJwksUriAndAlgorithms_WhenDocumentIsCorrect()
    {
        var result = Check(Document());

        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingSeverity.Info, "DISCOVERY_OK"), (finding.Severity, finding.Code));
        Assert.Equal(Issuer + "/openid/v1/jwks", result.JwksUri);
        Assert.Equal(["ES256", "RS256"], result.Algorithms);
    }

    [Theory]
    [InlineData(Issuer + "/", "DISCOVERY_ISSUER_TRAILING_SLASH")]
    [InlineData(Issuer + "//", "DISCOVERY_ISSUER_TRAILING_SLASH")]
    [InlineData("https://OIDC.example.com/c1", "DISCOVERY_ISSUER_MISMATCH")]
    [InlineData("https://oidc.example.com/c2", "DISCOVERY_ISSUER_MISMATCH")]
    [InlineData("https://kubernetes.default.svc.cluster.local", "DISCOVERY_ISSUER_MISMATCH")]
    public void Check_ReportsIssuer_WhenItDiffersByteForByte(string published, string code)
    {
        var document = Document();
        document["issuer"] = published;

        var result = Check(document);

        Assert.Equal([code], result.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Check_ReportsIssuerMissing_WhenIssuerIsNotAString()
    {
        var document = Document();
        document["issuer"] = 42;

        Assert.Equal(["DISCOVERY_ISSUER_MISSING"], Check(document).Findings.Select(f => f.Code));
    }

    [Theory]
    [InlineData("http://oidc.example.com/c1/openid/v1/jwks")]
    [InlineData("/openid/v1/jwks")]
    [InlineData("https://user@oidc.example.com/jwks")]
    public void Check_ReportsJwksUri_WhenItIsNotAbsoluteHttps(string jwksUri)
    {
        var document = Document();
        document["jwks_uri"] = jwksUri;

        var result = Check(document);

        Assert.Equal(["DISCOVERY_JWKS_URI_INVALID"], result.Findings.Select(f => f.Code));
        Assert.Null(result.JwksUri);
    }

    [Theory]
    [InlineData("response_types_supported")]
    [InlineData("subject_types_supported")]
    [InlineData("id_token_signing_alg_values_supported")]
    public void Check_ReportsFieldMissing_WhenRequiredFieldIsAbsent(string field)
    {
        var document = Document();
        document.Remove(field);

        var finding = Assert.Single(Check(document).Findings);
        Assert.Equal("DISCOVERY_FIELD_MISSING", finding.Code);
        Assert.Equal($"the discovery document has no '{field}', which OpenID Connect Discovery requires", finding.Message);
    }

    [Fact]
    public void CheckAlgorithms_ReportsEachMissingAlgorithmOnce_WhenKeysUseUnadvertisedAlgorithms()
    {
        var findings = new List<Finding>();

        DiscoveryChecks.CheckAlgorithms(["RS256"], ["RS256", "ES384", "ES256", "ES384"], findings);

        Assert.Equal(
            ["the JWKS has ES256 keys but id_token_signing_alg_values_supported is [RS256]", "the JWKS has ES384 keys but id_token_signing_alg_values_supported is [RS256]"],
            findings.Select(f => f.Message));
        Assert.All(findings, f => Assert.Equal("DISCOVERY_ALG_NOT_ADVERTISED", f.Code));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("\"a string\"")]
    [InlineData("[1,2]")]
    public void Check_ReportsNotJson_WhenBodyIsNotAnObject(string body)
    {
        var result = DiscoveryChecks.Check(IssuerUrl.Parse(Issuer), Responses.Json(Issuer + "/.well-known/openid-configuration", body));

        Assert.Equal(["DISCOVERY_NOT_JSON"], result.Findings.Select(f => f.Code));
    }

    private static DiscoveryCheckResult Check(JsonObject document)
        => DiscoveryChecks.Check(IssuerUrl.Parse(Issuer), Responses.Json(Issuer + "/.well-known/openid-configuration", document.ToJsonString()));
}
