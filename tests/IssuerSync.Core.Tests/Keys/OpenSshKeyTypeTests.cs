using System.Text;
using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>OpenSSH public key lines by key type, and blobs whose last field ends exactly at, or one byte past, the end of the data.</summary>
public class OpenSshKeyTypeTests
{
    private const string KubernetesAlgorithms = "Kubernetes signs service-account tokens with RSA (2048 bits or more) or ECDSA (P-256, P-384, P-521) keys";

    public static TheoryData<string, string> RefusedTypes => new()
    {
        { "ssh-dss", $"DSA keys are not supported: {KubernetesAlgorithms}" },
        { "ssh-ed25519", $"Ed25519 keys are not supported: {KubernetesAlgorithms}" },
        { "sk-ssh-ed25519@openssh.com", $"Ed25519 keys are not supported: {KubernetesAlgorithms}" },
        { "ssh-ed448", "OpenSSH key type 'ssh-ed448' is not supported: use ssh-rsa or ecdsa-sha2-nistp256/384/521" },
        { "sk-ecdsa-sha2-nistp256@openssh.com", "OpenSSH key type 'sk-ecdsa-sha2-nistp256@openssh.com' is not supported: use ssh-rsa or ecdsa-sha2-nistp256/384/521" },
    };

    [Theory]
    [MemberData(nameof(RefusedTypes))]
    public void Parse_NamesTheKeyType_WhenItIsNotSupported(string type, string reason)
    {
        var line = $"{type} {Convert.ToBase64String(KeyDer.Concat(KeyDer.SshString(type), KeyDer.SshString(new byte[32])))} user@host\n";

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(line, "id.pub"));

        Assert.Equal($"id.pub: line 1 ({type}): {reason}", error.Message);
    }

    [Theory]
    [InlineData("P-256", "ecdsa-sha2-nistp256", "nistp256")]
    [InlineData("P-384", "ecdsa-sha2-nistp384", "nistp384")]
    [InlineData("P-521", "ecdsa-sha2-nistp521", "nistp521")]
    public void Parse_ReadsEachEcdsaKeyType(string curve, string type, string curveName)
    {
        using var ec = TestKeys.Ec(curve);
        var q = ec.ExportParameters(false).Q;
        var blob = KeyDer.Concat(KeyDer.SshString(type), KeyDer.SshString(curveName), KeyDer.SshString([0x04, .. q.X!, .. q.Y!]));

        var key = Assert.Single(KeyDer.Parse($"{type} {Convert.ToBase64String(blob)}\n", "id.pub"));

        Assert.Equal(TestKeys.ExpectedKid(ec), key.Kid);
        Assert.Equal($"EC {curve}", key.Description);
    }

    [Theory]
    [InlineData("ecdsa-sha2-nistp384", "nistp256", "P-256")]
    [InlineData("ecdsa-sha2-nistp256", "nistp521", "P-521")]
    public void Parse_RefusesAnEcdsaKey_WhoseCurveIsNotTheOneItsTypeNames(string type, string curveName, string curve)
    {
        using var ec = TestKeys.Ec(curve);
        var q = ec.ExportParameters(false).Q;
        var blob = KeyDer.Concat(KeyDer.SshString(type), KeyDer.SshString(curveName), KeyDer.SshString([0x04, .. q.X!, .. q.Y!]));

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse($"{type} {Convert.ToBase64String(blob)}\n", "id.pub"));

        Assert.Equal($"id.pub: line 1 ({type}): the key data names curve '{curveName}' but the key type is '{type}'", error.Message);
    }

    public static TheoryData<string, string> LastFields => new()
    {
        { "empty EC point at the end", "the EC point is not an uncompressed point of the curve's size" },
        { "empty RSA modulus at the end", "RSA key has an empty modulus or exponent" },
        { "point one byte short of its length", "the key data is truncated" },
        { "modulus one byte short of its length", "the key data is truncated" },
        { "no curve name", "the key data is truncated" },
    };

    [Theory]
    [MemberData(nameof(LastFields))]
    public void Parse_ReadsTheLastFieldExactly(string name, string reason)
    {
        using var ec = TestKeys.Ec();
        using var rsa = TestKeys.Rsa();
        var q = ec.ExportParameters(false).Q;
        var p = rsa.ExportParameters(false);
        var point = KeyDer.SshString([0x04, .. q.X!, .. q.Y!]);
        var modulus = KeyDer.SshString([0x00, .. p.Modulus!]);
        var (type, blob) = name switch
        {
            "empty EC point at the end" => ("ecdsa-sha2-nistp256", KeyDer.Concat(KeyDer.SshString("ecdsa-sha2-nistp256"), KeyDer.SshString("nistp256"), KeyDer.SshString([]))),
            "empty RSA modulus at the end" => ("ssh-rsa", KeyDer.Concat(KeyDer.SshString("ssh-rsa"), KeyDer.SshString(p.Exponent!), KeyDer.SshString([]))),
            "point one byte short of its length" => ("ecdsa-sha2-nistp256", KeyDer.Concat(KeyDer.SshString("ecdsa-sha2-nistp256"), KeyDer.SshString("nistp256"), point[..^1])),
            "modulus one byte short of its length" => ("ssh-rsa", KeyDer.Concat(KeyDer.SshString("ssh-rsa"), KeyDer.SshString(p.Exponent!), modulus[..^1])),
            _ => ("ecdsa-sha2-nistp256", KeyDer.SshString("ecdsa-sha2-nistp256")),
        };

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse($"{type} {Convert.ToBase64String(blob)}\n", "id.pub"));

        Assert.Equal($"id.pub: line 1 ({type}): {reason}", error.Message);
    }

    [Fact]
    public void Parse_ReadsEveryLine_AndSkipsCommentsAndBlankLines()
    {
        using var ec = TestKeys.Ec();
        using var rsa = TestKeys.Rsa();
        var q = ec.ExportParameters(false).Q;
        var p = rsa.ExportParameters(false);
        var ecLine = "ecdsa-sha2-nistp256 " + Convert.ToBase64String(KeyDer.Concat(KeyDer.SshString("ecdsa-sha2-nistp256"), KeyDer.SshString("nistp256"), KeyDer.SshString([0x04, .. q.X!, .. q.Y!])));
        var rsaLine = "ssh-rsa " + Convert.ToBase64String(KeyDer.Concat(KeyDer.SshString("ssh-rsa"), KeyDer.SshString(p.Exponent!), KeyDer.SshString([0x00, .. p.Modulus!]))) + " ops@cluster";

        var keys = KeyFileParser.Parse(Encoding.ASCII.GetBytes($"{ecLine}\n# rotated 2026-12\n\n  {rsaLine}  \r\n"), "keys.pub");

        Assert.Equal([TestKeys.ExpectedKid(ec), TestKeys.ExpectedKid(rsa)], keys.Select(k => k.Kid));
    }

    [Fact]
    public void Parse_NamesTheLine_OfTheBadKey()
    {
        using var rsa = TestKeys.Rsa();
        var p = rsa.ExportParameters(false);
        var rsaLine = "ssh-rsa " + Convert.ToBase64String(KeyDer.Concat(KeyDer.SshString("ssh-rsa"), KeyDer.SshString(p.Exponent!), KeyDer.SshString([0x00, .. p.Modulus!])));

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse($"{rsaLine}\n\nssh-rsa\n", "keys.pub"));

        Assert.Equal("keys.pub: line 3 (ssh-rsa): no base64 key data after the key type", error.Message);
    }
}
