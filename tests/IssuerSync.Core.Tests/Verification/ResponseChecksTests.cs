using IssuerSync.Core.Verification;

namespace IssuerSync.Core.Tests.Verification;

public sealed class ResponseChecksTests
{
    private const string Url = "https://oidc.example.com/c1/.well-known/openid-configuration";

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public void Check_AcceptsBody_WhenContentTypeIsJson(string contentType)
    {
        var findings = new List<Finding>();

        var usable = ResponseChecks.Check(Responses.Json(Url, "{}", contentType), "DISCOVERY", findings);

        Assert.True(usable);
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/jwk-set+json")]
    [InlineData(null)]
    public void Check_ReportsContentType_WhenItIsNotApplicationJson(string? contentType)
    {
        var findings = new List<Finding>();

        var usable = ResponseChecks.Check(Responses.Json(Url, "{}", contentType), "JWKS", findings);

        Assert.True(usable);
        var finding = Assert.Single(findings);
        Assert.Equal((FindingSeverity.Error, "JWKS_CONTENT_TYPE"), (finding.Severity, finding.Code));
        Assert.Equal($"the JWKS at {Url} is served with Content-Type '{contentType ?? "(none)"}', not 'application/json'", finding.Message);
    }

    [Theory]
    [InlineData(301, "DISCOVERY_REDIRECT")]
    [InlineData(302, "DISCOVERY_REDIRECT")]
    [InlineData(307, "DISCOVERY_REDIRECT")]
    [InlineData(308, "DISCOVERY_REDIRECT")]
    [InlineData(404, "DISCOVERY_NOT_FOUND")]
    [InlineData(401, "DISCOVERY_NOT_ANONYMOUS")]
    [InlineData(403, "DISCOVERY_NOT_ANONYMOUS")]
    [InlineData(409, "DISCOVERY_NOT_ANONYMOUS")]
    [InlineData(500, "DISCOVERY_STATUS")]
    [InlineData(204, "DISCOVERY_STATUS")]
    public void Check_ReportsStatusAndStops_WhenStatusIsNot200(int status, string code)
    {
        var findings = new List<Finding>();

        var usable = ResponseChecks.Check(Responses.Json(Url, "{}") with { StatusCode = status, Location = "https://elsewhere.example.com/" }, "DISCOVERY", findings);

        Assert.False(usable);
        var finding = Assert.Single(findings);
        Assert.Equal((FindingSeverity.Error, code), (finding.Severity, finding.Code));
        Assert.NotNull(finding.CloudError);
        Assert.NotNull(finding.Fix);
    }

    [Fact]
    public void Check_ReportsUnreachable_WhenNoResponseArrived()
    {
        var findings = new List<Finding>();

        var usable = ResponseChecks.Check(FetchedResponse.Failed(Url, "Connection refused (oidc.example.com:443)"), "DISCOVERY", findings);

        Assert.False(usable);
        var finding = Assert.Single(findings);
        Assert.Equal("DISCOVERY_UNREACHABLE", finding.Code);
        Assert.Equal($"GET {Url} failed: Connection refused (oidc.example.com:443)", finding.Message);
        Assert.StartsWith("Entra ID: AADSTS90061", finding.CloudError);
    }

    [Fact]
    public void Check_ReportsTooLarge_WhenBodyWasTruncated()
    {
        var findings = new List<Finding>();

        var usable = ResponseChecks.Check(Responses.Json(Url, "{}") with { Truncated = true }, "DISCOVERY", findings);

        Assert.False(usable);
        Assert.Equal("DISCOVERY_TOO_LARGE", Assert.Single(findings).Code);
    }
}
