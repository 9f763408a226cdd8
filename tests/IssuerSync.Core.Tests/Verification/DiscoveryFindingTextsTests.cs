using System.Text.Json.Nodes;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Verification;

namespace IssuerSync.Core.Tests.Verification;

/// <summary>The whole finding a user reads for each discovery-document problem: code, severity, message, cloud error and fix.</summary>
public sealed class DiscoveryFindingTextsTests
{
    private const string Issuer = "https://oidc.example.com/c1";
    private const string Url = Issuer + "/.well-known/openid-configuration";

    private const string NotJsonFix = "publish the discovery document issuersync builds: issuersync discovery --issuer ISSUER --key KEY";

    private const string IssuerFix =
        "make the cluster's --service-account-issuer, the published issuer and the cloud registration the same bytes (trailing slash included), " +
        "then publish again";

    private static JsonObject Document() => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + "/openid/v1/jwks",
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    [Fact]
    public void Check_ReportsOnlyTheResponseFinding_WhenTheDocumentIsNotServed()
    {
        var result = DiscoveryChecks.Check(IssuerUrl.Parse(Issuer), Responses.Json(Url, "") with { StatusCode = 404 });

        Assert.Equal(["DISCOVERY_NOT_FOUND"], result.Findings.Select(f => f.Code));
        Assert.Null(result.JwksUri);
        Assert.Null(result.Algorithms);
    }

    [Fact]
    public void Check_NamesTheUrlAndTheFix_WhenTheBodyIsNoJson()
    {
        var result = Check("{\"issuer\": ");

        var finding = Assert.Single(result.Findings);
        Assert.Equal("DISCOVERY_NOT_JSON", finding.Code);
        Assert.StartsWith($"the discovery document at {Url} is not valid JSON (", finding.Message);
        Assert.EndsWith(")", finding.Message);
        Assert.Equal(CloudErrors.DocumentUnreachable, finding.CloudError);
        Assert.Equal(NotJsonFix, finding.Fix);
    }

    // The reader stops at a depth of 16, so a forged document cannot make it recurse deeply.
    [Theory]
    [InlineData(15, "DISCOVERY_OK")]
    [InlineData(16, "DISCOVERY_NOT_JSON")]
    [InlineData(40, "DISCOVERY_NOT_JSON")]
    public void Check_RefusesNestingDeeperThanSixteen_AsNotJson(int depth, string code)
    {
        var document = Document().ToJsonString();
        var body = document[..^1] + ",\"x\":" + new string('[', depth) + new string(']', depth) + "}";

        Assert.Equal([code], Check(body).Findings.Select(f => f.Code));
    }

    [Theory]
    [InlineData("[1,2]", "array")]
    [InlineData("\"a string\"", "string")]
    [InlineData("42", "number")]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    public void Check_NamesTheJsonKind_WhenTheBodyIsNoObject(string body, string kind)
    {
        Assert.Equal(
            [Finding.Error("DISCOVERY_NOT_JSON", $"the discovery document at {Url} is a JSON {kind}, not an object", CloudErrors.DocumentUnreachable, NotJsonFix)],
            Check(body).Findings);
    }

    [Fact]
    public void Check_NamesTheUrlAndJwksUri_WhenTheDocumentIsCorrect()
    {
        Assert.Equal(
            [Finding.Info("DISCOVERY_OK", $"discovery document at {Url}: issuer matches, jwks_uri {Issuer}/openid/v1/jwks")],
            Check(Document()).Findings);
    }

    [Fact]
    public void Check_ReportsOnlyTheMissingIssuer_WhenTheDocumentHasNoIssuer()
    {
        var document = Document();
        document.Remove("issuer");

        Assert.Equal(
            [Finding.Error(
                "DISCOVERY_ISSUER_MISSING",
                "the discovery document has no string 'issuer'",
                CloudErrors.IssuerMismatch,
                "publish the discovery document with \"issuer\": \"https://oidc.example.com/c1\"")],
            Check(document).Findings);
    }

    [Fact]
    public void Check_ReportsOnlyTheMissingJwksUri_WhenTheDocumentHasNoJwksUri()
    {
        var document = Document();
        document.Remove("jwks_uri");

        var result = Check(document);

        Assert.Equal(
            [Finding.Error(
                "DISCOVERY_JWKS_URI_MISSING",
                "the discovery document has no string 'jwks_uri': a cloud cannot find the keys",
                CloudErrors.KeyNotFound,
                "publish the discovery document issuersync builds (jwks_uri defaults to {issuer}/openid/v1/jwks)")],
            result.Findings);
        Assert.Null(result.JwksUri);
    }

    [Fact]
    public void Check_NamesTheFix_WhenTheJwksUriIsNotHttps()
    {
        var document = Document();
        document["jwks_uri"] = "http://oidc.example.com/c1/openid/v1/jwks";

        var finding = Assert.Single(Check(document).Findings);

        Assert.Equal("DISCOVERY_JWKS_URI_INVALID", finding.Code);
        Assert.Contains("http://oidc.example.com/c1/openid/v1/jwks", finding.Message, StringComparison.Ordinal);
        Assert.Equal(CloudErrors.KeyNotFound, finding.CloudError);
        Assert.Equal("set jwks_uri to an absolute https URL where the JWKS is served (issuersync publish --jwks-uri)", finding.Fix);
    }

    [Fact]
    public void Check_NamesTheFieldAndTheFix_WhenARequiredFieldIsMissing()
    {
        var document = Document();
        document.Remove("subject_types_supported");

        Assert.Equal(
            [Finding.Error(
                "DISCOVERY_FIELD_MISSING",
                "the discovery document has no 'subject_types_supported', which OpenID Connect Discovery requires",
                "clouds that validate the metadata refuse the issuer (GCP STS: invalid_grant)",
                "publish the discovery document issuersync builds (the fields kube-apiserver serves)")],
            Check(document).Findings);
    }

    [Theory]
    [InlineData(Issuer + "/", "DISCOVERY_ISSUER_TRAILING_SLASH",
        "the discovery document's issuer 'https://oidc.example.com/c1/' differs from 'https://oidc.example.com/c1' by a trailing slash: " +
        "clouds compare the issuer byte for byte")]
    [InlineData("https://oidc.example.com/c2", "DISCOVERY_ISSUER_MISMATCH",
        "the discovery document's issuer 'https://oidc.example.com/c2' is not 'https://oidc.example.com/c1': clouds compare the issuer byte for byte")]
    public void Check_ReportsTheIssuerFinding_WhenTheIssuerDiffers(string published, string code, string message)
    {
        var document = Document();
        document["issuer"] = published;

        Assert.Equal([Finding.Error(code, message, CloudErrors.IssuerMismatch, IssuerFix)], Check(document).Findings);
    }

    [Theory]
    [InlineData("\"RS256\"")]
    [InlineData("{\"alg\": \"RS256\"}")]
    public void Check_ReturnsNoAlgorithms_WhenTheAlgorithmsAreNoArray(string algorithms)
    {
        var document = Document();
        document["id_token_signing_alg_values_supported"] = JsonNode.Parse(algorithms);

        var result = Check(document);

        Assert.Null(result.Algorithms);
        Assert.Equal(["DISCOVERY_OK"], result.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Check_ReturnsOnlyTheStringAlgorithms_WhenTheArrayHoldsOthers()
    {
        var document = Document();
        document["id_token_signing_alg_values_supported"] = JsonNode.Parse("[\"RS256\", 42, null, \"ES256\"]");

        Assert.Equal(["RS256", "ES256"], Check(document).Algorithms);
    }

    [Fact]
    public void CheckAlgorithms_ReportsNothing_WhenTheDocumentListedNoAlgorithms()
    {
        var findings = new List<Finding>();

        DiscoveryChecks.CheckAlgorithms(null, ["RS256", "ES384"], findings);

        Assert.Empty(findings);
    }

    [Fact]
    public void CheckAlgorithms_NamesEveryAdvertisedAlgorithmAndTheFix_WhenAKeysAlgIsNotAdvertised()
    {
        var findings = new List<Finding>();

        DiscoveryChecks.CheckAlgorithms(["RS256", "ES256"], ["RS256", "ES384"], findings);

        Assert.Equal(
            [Finding.Error(
                "DISCOVERY_ALG_NOT_ADVERTISED",
                "the JWKS has ES384 keys but id_token_signing_alg_values_supported is [RS256, ES256]",
                "tokens signed with that algorithm are refused by clouds that honour the metadata (GCP STS: invalid_grant)",
                "publish the discovery document again with issuersync publish: it lists the algorithm of every published key")],
            findings);
    }

    private static DiscoveryCheckResult Check(JsonObject document) => Check(document.ToJsonString());

    private static DiscoveryCheckResult Check(string body) => DiscoveryChecks.Check(IssuerUrl.Parse(Issuer), Responses.Json(Url, body));
}
