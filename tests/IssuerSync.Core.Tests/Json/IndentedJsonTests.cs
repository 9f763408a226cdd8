using IssuerSync.Core.Json;

namespace IssuerSync.Core.Tests.Json;

public sealed class IndentedJsonTests
{
    [Fact]
    public void Write_IndentsAndLeavesUrlsPathsAndPlusUnescaped()
    {
        var json = IndentedJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("issuer", "https://oidc.example.com/c1?a=1&b=2");
            w.WriteString("path", "/var/run/secrets/tokens/token+1");
            w.WriteStrings("audiences", ["sts.amazonaws.com", "api://AzureADTokenExchange"]);
            w.WriteArray("sizes", [2048, 4096], static (w, size) => w.WriteNumberValue(size));
            w.WriteStrings("none", []);
            w.WriteEndObject();
        });

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "{",
                "  \"issuer\": \"https://oidc.example.com/c1?a=1&b=2\",",
                "  \"path\": \"/var/run/secrets/tokens/token+1\",",
                "  \"audiences\": [",
                "    \"sts.amazonaws.com\",",
                "    \"api://AzureADTokenExchange\"",
                "  ],",
                "  \"sizes\": [",
                "    2048,",
                "    4096",
                "  ],",
                "  \"none\": []",
                "}"),
            json);
    }

    [Fact]
    public void Write_ThrowsArgumentNull_WhenNoWriterActionIsGiven()
        => Assert.Equal("write", Assert.Throws<ArgumentNullException>(() => IndentedJson.Write(null!)).ParamName);

    [Theory]
    [InlineData("writer")]
    [InlineData("items")]
    [InlineData("writeItem")]
    public void WriteArray_ThrowsArgumentNull_WhenAnArgumentIsNull(string parameter)
    {
        var error = Assert.Throws<ArgumentNullException>(() => IndentedJson.Write(w =>
        {
            w.WriteStartObject();
            (parameter == "writer" ? null! : w).WriteArray(
                "a",
                parameter == "items" ? null! : new[] { 1 },
                parameter == "writeItem" ? null! : static (w, i) => w.WriteNumberValue(i));
        }));

        Assert.Equal(parameter, error.ParamName);
    }
}
