using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>How PEM text is cut into blocks: BEGIN and END lines, headers, empty and unterminated blocks, and how long lines are quoted.</summary>
public class PemReaderTests
{
    private const string BadBase64 = "the base64 body is not valid (truncated, or characters that are not base64)";

    private static readonly string Body = Convert.ToBase64String(TestKeys.Rsa().ExportSubjectPublicKeyInfo());

    public static TheoryData<string, string> MalformedBeginLines => new()
    {
        { "-----BEGIN PUBLIC KEY", "-----BEGIN PUBLIC KEY" },
        { "-----BEGIN PUBLIC KEY----", "-----BEGIN PUBLIC KEY----" },
        { "-----BEGIN -----", "-----BEGIN -----" },
        { "-----BEGIN " + new string('A', 49), "-----BEGIN " + new string('A', 49) },
        { "-----BEGIN " + new string('A', 50), "-----BEGIN " + new string('A', 46) + "..." },
    };

    [Theory]
    [MemberData(nameof(MalformedBeginLines))]
    public void Parse_QuotesTheLine_WhenABeginLineIsMalformed(string beginLine, string quoted)
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse($"{beginLine}\n{Body}\n-----END PUBLIC KEY-----\n", "k.pem"));

        Assert.Equal($"k.pem: block 1: malformed BEGIN line '{quoted}': expected '-----BEGIN <TYPE>-----'", error.Message);
    }

    [Fact]
    public void Parse_ReadsAOneCharacterLabel_AsALabel()
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse($"-----BEGIN X-----\n{Body}\n-----END X-----\n", "k.pem"));

        Assert.StartsWith("k.pem: block 1 (X): unknown PEM block type 'X': expected one of ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----END PUBLIC KEYS-----", "-----END PUBLIC KEYS-----")]
    [InlineData("-----END PUBLIC KEY AND A LABEL OF FORTY-SIX CHARACTERS-----", "-----END PUBLIC KEY AND A LABEL OF FORTY-SIX CHARACTERS-----")]
    [InlineData("-----END PUBLIC KEY AND A LABEL OF FORTY-SIX CHARACTERS!-----", "-----END PUBLIC KEY AND A LABEL OF FORTY-SIX CHARACTERS!-...")]
    public void Parse_QuotesTheLine_WhenTheEndLineDoesNotMatch(string endLine, string quoted)
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse($"-----BEGIN PUBLIC KEY-----\n{Body}\n{endLine}\n", "k.pem"));

        Assert.Equal($"k.pem: block 1 (PUBLIC KEY): END line '{quoted}' does not match; expected '-----END PUBLIC KEY-----'", error.Message);
    }

    [Fact]
    public void Parse_RefusesAnEmptyBlock()
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "k.pem"));

        Assert.Equal("k.pem: block 1 (PUBLIC KEY): the block is empty", error.Message);
    }

    [Fact]
    public void Parse_RefusesABlockWithOnlyHeaders_AsEmpty()
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse("-----BEGIN PUBLIC KEY-----\nComment: nothing else\n-----END PUBLIC KEY-----\n", "k.pem"));

        Assert.Equal("k.pem: block 1 (PUBLIC KEY): the block is empty", error.Message);
    }

    [Fact]
    public void Parse_RefusesABlock_ThatANewBeginLineInterrupts()
    {
        var text = $"-----BEGIN PUBLIC KEY-----\n{Body[..64]}\n-----BEGIN PUBLIC KEY-----\n{Body}\n-----END PUBLIC KEY-----\n";

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(text, "k.pem"));

        Assert.Equal("k.pem: block 1 (PUBLIC KEY): truncated: no '-----END PUBLIC KEY-----' line (the file was cut short or two files were joined without their END line)", error.Message);
    }

    [Theory]
    [InlineData(":not a header\n{0}")]
    [InlineData("{0}\nKey: a colon after the body started is body\n")]
    public void Parse_ReadsALineWithAColon_AsBody_WhenItCannotBeAHeader(string bodyTemplate)
    {
        var text = "-----BEGIN PUBLIC KEY-----\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, bodyTemplate, Body).TrimEnd('\n') + "\n-----END PUBLIC KEY-----\n";

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(text, "k.pem"));

        Assert.Equal($"k.pem: block 1 (PUBLIC KEY): {BadBase64}", error.Message);
    }

    [Fact]
    public void Parse_SkipsHeaders_BeforeTheBody()
    {
        using var rsa = TestKeys.Rsa();
        var text = KeyDer.Pem("PUBLIC KEY", rsa.ExportSubjectPublicKeyInfo(), "Comment: key:with:colons\nX-Other:\n\n");

        var key = Assert.Single(KeyDer.Parse(text, "k.pem"));

        Assert.Equal(TestKeys.ExpectedKid(rsa), key.Kid);
    }
}
