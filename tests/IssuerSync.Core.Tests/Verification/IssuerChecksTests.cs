using IssuerSync.Core.Verification;

namespace IssuerSync.Core.Tests.Verification;

public sealed class IssuerChecksTests
{
    [Theory]
    [InlineData("http://oidc.example.com/c1", "ISSUER_NOT_HTTPS")]
    [InlineData("https://oidc.example.com/c1?x=1", "ISSUER_URL_INVALID")]
    [InlineData("https://oidc.example.com/c1#x", "ISSUER_URL_INVALID")]
    [InlineData("https://user@oidc.example.com/c1", "ISSUER_URL_INVALID")]
    [InlineData(" https://oidc.example.com/c1", "ISSUER_URL_INVALID")]
    public void Check_ReportsErrorAndReturnsNull_WhenIssuerIsNotACloudIssuer(string issuer, string code)
    {
        var findings = new List<Finding>();

        var parsed = IssuerChecks.Check(issuer, findings);

        Assert.Null(parsed);
        var finding = Assert.Single(findings);
        Assert.Equal((FindingSeverity.Error, code), (finding.Severity, finding.Code));
    }

    [Fact]
    public void Check_NamesTheIssuer_WhenGivenTheDiscoveryUrl()
    {
        var findings = new List<Finding>();

        Assert.Null(IssuerChecks.Check("https://oidc.example.com/c1/.well-known/openid-configuration", findings));

        var finding = Assert.Single(findings);
        Assert.Equal("ISSUER_URL_INVALID", finding.Code);
        Assert.Equal("give the issuer: 'https://oidc.example.com/c1'", finding.Fix);
    }

    [Theory]
    [InlineData("https://oidc.example.com")]
    [InlineData("https://oidc.example.com/c1/")]
    public void Check_KeepsIssuerBytes_WhenIssuerIsValid(string issuer)
    {
        var findings = new List<Finding>();

        Assert.Equal(issuer, IssuerChecks.Check(issuer, findings)!.Value);
        Assert.Empty(findings);
    }
}
