using System.Text;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Trust;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>The crashes the fuzz tests found: bytes that are JSON to the reader but not text, answered as refusals.</summary>
public class EncodingCrashTests
{
    [Fact]
    public void Read_RefusesABodyWithInvalidUtf8InAString_AsMalformed()
    {
        var body = BodyWith(Jwks(KeyA));
        var at = Encoding.UTF8.GetString(body).IndexOf("\"version\":\"", StringComparison.Ordinal) + 11;
        body[at] = 0xED;

        var read = PushReader.Read(body, Token(), Source, Registry, Options, Now);

        Assert.Equal("body_malformed", read.Refusal!.Code);
        Assert.Contains("not valid UTF-8", read.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAPushedKeyWithALoneSurrogateEscape_AsMalformed()
    {
        var text = Encoding.UTF8.GetString(BodyWith(Jwks(KeyA)));
        var body = Encoding.UTF8.GetBytes(text.Replace("\"kid\":\"", "\"kid\":\"\\ud800", StringComparison.Ordinal));

        var read = PushReader.Read(body, Token(), Source, Registry, Options, Now);

        Assert.Equal("body_malformed", read.Refusal!.Code);
        Assert.Contains("lone surrogate", read.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReportsAJwksWithALoneSurrogateEscape_AsNotJson()
    {
        var result = JwksParser.Parse(Encoding.UTF8.GetBytes(Jwks(KeyA).Replace("\"kid\":\"", "\"kid\":\"\\udc00", StringComparison.Ordinal)));

        Assert.False(result.IsValid);
        Assert.Equal(["not valid JSON (a string is not valid UTF-8 or holds a lone surrogate escape)"], result.Problems);
    }

    [Fact]
    public void Parse_ReportsAJwksWithInvalidUtf8_AsNotJson()
    {
        var bytes = Encoding.UTF8.GetBytes(Jwks(KeyA));
        bytes[Encoding.UTF8.GetString(bytes).IndexOf("\"kid\":\"", StringComparison.Ordinal) + 7] = 0xC1;

        var result = JwksParser.Parse(bytes);

        Assert.False(result.IsValid);
        Assert.Equal(["not valid JSON (a string is not valid UTF-8 or holds a lone surrogate escape)"], result.Problems);
    }
}
