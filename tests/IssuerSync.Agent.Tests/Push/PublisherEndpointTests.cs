using IssuerSync.Agent.Push;
using IssuerSync.Core;

namespace IssuerSync.Agent.Tests.Push;

public sealed class PublisherEndpointTests
{
    [Theory]
    [InlineData("https://func.azurewebsites.net", "https://func.azurewebsites.net/api/PushKeys")]
    [InlineData("https://func.azurewebsites.net/", "https://func.azurewebsites.net/api/PushKeys")]
    [InlineData("https://example.com/issuersync", "https://example.com/issuersync/api/PushKeys")]
    [InlineData("https://func.azurewebsites.net/api/PushKeys", "https://func.azurewebsites.net/api/PushKeys")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/PushKeys")]
    public void Parse_AppendsThePushPath_WhenGivenABaseUrl(string publisher, string expected)
        => Assert.Equal(expected, PublisherEndpoint.Parse(publisher).ToString());

    [Theory]
    [InlineData("http://func.azurewebsites.net", "plain http would expose the push token on the network; use https")]
    [InlineData("https://func.azurewebsites.net/?code=secret", "has a query, fragment or user info; give the base URL only (the function key goes in --function-key-file)")]
    [InlineData("func.azurewebsites.net", "not an absolute https URL")]
    [InlineData("ftp://func.example.com", "not an absolute https URL")]
    public void Parse_Refuses_WhenTheUrlWouldLeakTheTokenOrIsNotHttps(string publisher, string detail)
    {
        var error = Assert.Throws<IssuerSyncException>(() => PublisherEndpoint.Parse(publisher));

        Assert.Equal($"--publisher '{publisher}': {detail}. Hint: pass the function app's base URL, e.g. https://issuersync-func.azurewebsites.net", error.Message);
    }

    [Theory]
    [InlineData("https://func.azurewebsites.net", "https://func.azurewebsites.net/")]
    [InlineData("https://example.com/issuersync", "https://example.com/issuersync/")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080/")]
    public void BaseUrl_EndsWithASlash_ForTheOperatorRoutes(string publisher, string expected)
        => Assert.Equal(expected, PublisherEndpoint.BaseUrl(publisher).ToString());

    [Fact]
    public void BaseUrl_Refuses_WhenPlainHttpWouldExposeTheFunctionKey()
    {
        var error = Assert.Throws<IssuerSyncException>(() => PublisherEndpoint.BaseUrl("http://func.azurewebsites.net"));

        Assert.Equal("--publisher 'http://func.azurewebsites.net': plain http would expose the function key on the network; use https. Hint: pass the function app's base URL, e.g. https://issuersync-func.azurewebsites.net", error.Message);
    }
}
