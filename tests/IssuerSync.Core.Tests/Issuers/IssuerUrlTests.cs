using IssuerSync.Core.Issuers;

namespace IssuerSync.Core.Tests.Issuers;

public class IssuerUrlTests
{
    [Theory]
    [InlineData("https://oidc.example.com")]
    [InlineData("https://oidc.example.com/")]
    [InlineData("https://acct.blob.core.windows.net/oidc/cluster-1")]
    [InlineData("https://acct.blob.core.windows.net/oidc/cluster-1/")]
    [InlineData("https://Oidc.Example.com:8443/Path")]
    public void Parse_KeepsTheIssuerByteForByte(string value)
    {
        Assert.Equal(value, IssuerUrl.Parse(value).Value);
    }

    [Theory]
    [InlineData("", "issuer URL is empty")]
    [InlineData("oidc.example.com", "issuer URL 'oidc.example.com' is not an absolute URL: it must look like https://HOST[/PATH]")]
    [InlineData("/oidc", "issuer URL '/oidc' is not an absolute URL")]
    [InlineData("http://oidc.example.com", "issuer URL 'http://oidc.example.com' must use the https scheme (clouds fetch issuers over https only), not 'http'")]
    [InlineData("HTTPS://oidc.example.com", "issuer URL 'HTTPS://oidc.example.com' must use the https scheme")]
    [InlineData("https://oidc.example.com/?a=b", "issuer URL 'https://oidc.example.com/?a=b' may not include a query")]
    [InlineData("https://oidc.example.com/#frag", "issuer URL 'https://oidc.example.com/#frag' may not include a fragment")]
    [InlineData("https://user:pw@oidc.example.com/", "issuer URL 'https://user:pw@oidc.example.com/' may not include user info")]
    [InlineData(" https://oidc.example.com", "issuer URL ' https://oidc.example.com' has leading or trailing whitespace")]
    public void Parse_RefusesWithItsOwnMessagePerRule(string value, string expectedStart)
    {
        var error = Assert.Throws<IssuerUrlException>(() => IssuerUrl.Parse(value));

        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://x.example", "https://x.example/openid/v1/jwks")]
    [InlineData("https://x.example/", "https://x.example/openid/v1/jwks")]
    [InlineData("https://x.example/a/b", "https://x.example/a/b/openid/v1/jwks")]
    [InlineData("https://x.example/a/b/", "https://x.example/a/b/openid/v1/jwks")]
    public void DefaultJwksUri_HasNoDoubleSlash(string issuer, string expected)
    {
        Assert.Equal(expected, IssuerUrl.Parse(issuer).DefaultJwksUri.Value);
    }

    [Fact]
    public void JwksUri_RefusesHttp()
    {
        var error = Assert.Throws<IssuerUrlException>(() => JwksUri.Parse("http://x.example/jwks"));

        Assert.StartsWith("JWKS URI 'http://x.example/jwks' must use the https scheme", error.Message, StringComparison.Ordinal);
    }
}
