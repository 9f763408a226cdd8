using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Keys;

public class KeyFileParserTests
{
    public static TheoryData<string, string, string> AcceptedFiles => new()
    {
        // file, the public key it must equal (whose kid openssl computed), description
        { "rsa2048-spki.pem", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-pkcs1-public.pem", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-pkcs1-private.pem", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-pkcs8-private.pem", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-cert.pem", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-spki.der", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-pkcs8-private.der", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-pkcs1-public.der", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-pkcs1-private.der", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-cert.der", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa2048-openssh.pub", "rsa2048-spki.pem", "RSA 2048" },
        { "rsa4096-private.pem", "rsa4096-spki.pem", "RSA 4096" },
        { "ec-p256-sec1-private.pem", "ec-p256-spki.pem", "EC P-256" },
        { "ec-p256-pkcs8-private.pem", "ec-p256-spki.pem", "EC P-256" },
        { "ec-p256-sec1-private.der", "ec-p256-spki.pem", "EC P-256" },
        { "ec-p256-openssh.pub", "ec-p256-spki.pem", "EC P-256" },
        { "ec-p384-sec1-private.pem", "ec-p384-spki.pem", "EC P-384" },
        { "ec-p384-openssh.pub", "ec-p384-spki.pem", "EC P-384" },
        { "ec-p521-sec1-private.pem", "ec-p521-spki.pem", "EC P-521" },
        { "ec-p521-pkcs8-private.pem", "ec-p521-spki.pem", "EC P-521" },
        { "ec-p521-openssh.pub", "ec-p521-spki.pem", "EC P-521" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Parse_ReturnsThePublicKeyWithOpensslKid_ForEveryAcceptedFormat(string file, string publicKeyFile, string description)
    {
        var key = Assert.Single(Fixtures.Parse(file));

        Assert.Equal(Fixtures.OpensslKids[publicKeyFile], key.Kid);
        Assert.Equal(description, key.Description);
    }

    [Fact]
    public void Parse_ReturnsEveryKey_WhenAFileHoldsSeveralPemBlocks()
    {
        var keys = Fixtures.Parse("multi-rsa-ec.pem");

        Assert.Equal([Fixtures.OpensslKids["rsa2048-spki.pem"], Fixtures.OpensslKids["ec-p384-spki.pem"]], keys.Select(k => k.Kid));
    }

    [Fact]
    public void Parse_IgnoresTextAroundBlocks_AsKubeApiserverDoes()
    {
        var text = "Bag Attributes\n  friendlyName: sa\n" + System.Text.Encoding.ASCII.GetString(Fixtures.Bytes("rsa2048-spki.pem")) + "trailing notes\n";

        var key = Assert.Single(KeyFileParser.Parse(System.Text.Encoding.ASCII.GetBytes(text), "sa.pub"));

        Assert.Equal(Fixtures.OpensslKids["rsa2048-spki.pem"], key.Kid);
    }

    [Fact]
    public void Parse_AcceptsCrlfLineEndings()
    {
        var text = System.Text.Encoding.ASCII.GetString(Fixtures.Bytes("ec-p256-spki.pem")).Replace("\n", "\r\n");

        var key = Assert.Single(KeyFileParser.Parse(System.Text.Encoding.ASCII.GetBytes(text), "sa.pub"));

        Assert.Equal(Fixtures.OpensslKids["ec-p256-spki.pem"], key.Kid);
    }

    public static TheoryData<string, string> RefusedFiles => new()
    {
        { "empty.pem", "empty.pem: the file is empty" },
        { "blank.pem", "blank.pem: the file is empty" },
        { "rsa1024-private.pem", "rsa1024-private.pem: block 1 (RSA PRIVATE KEY): RSA key is 1024 bits; at least 2048 are required (clouds refuse smaller keys): generate a new key with 'openssl genrsa 2048'" },
        { "rsa1024-spki.pem", "rsa1024-spki.pem: block 1 (PUBLIC KEY): RSA key is 1024 bits; at least 2048 are required" },
        { "rsa1024-openssh.pub", "rsa1024-openssh.pub: line 1 (ssh-rsa): RSA key is 1024 bits; at least 2048 are required" },
        { "dsa-private.pem", "dsa-private.pem: block 2 (PRIVATE KEY): DSA keys are not supported: Kubernetes signs service-account tokens with RSA (2048 bits or more) or ECDSA (P-256, P-384, P-521) keys" },
        { "dsa-spki.pem", "dsa-spki.pem: block 1 (PUBLIC KEY): DSA keys are not supported" },
        { "ed25519-private.pem", "ed25519-private.pem: block 1 (PRIVATE KEY): Ed25519 keys are not supported" },
        { "ed25519-spki.pem", "ed25519-spki.pem: block 1 (PUBLIC KEY): Ed25519 keys are not supported" },
        { "ed25519-openssh.pub", "ed25519-openssh.pub: line 1 (ssh-ed25519): Ed25519 keys are not supported" },
        { "secp256k1-sec1-private.pem", "secp256k1-sec1-private.pem: block 1 (EC PRIVATE KEY): EC curve secp256k1 is not supported: Kubernetes accepts P-256, P-384 and P-521" },
        { "secp256k1-spki.pem", "secp256k1-spki.pem: block 1 (PUBLIC KEY): EC curve secp256k1 is not supported" },
        { "encrypted-pkcs8.pem", "encrypted-pkcs8.pem: block 1 (ENCRYPTED PRIVATE KEY): the private key is encrypted: give the public key instead, or decrypt it first with 'openssl pkey -in FILE -out FILE.plain'" },
        { "encrypted-pkcs1.pem", "encrypted-pkcs1.pem: block 1 (RSA PRIVATE KEY): the private key is encrypted" },
        { "request.csr", "request.csr: block 1 (CERTIFICATE REQUEST): a certificate request is not a key: give the key or the issued certificate" },
        { "truncated-no-end.pem", "truncated-no-end.pem: block 1 (PUBLIC KEY): truncated: no '-----END PUBLIC KEY-----' line" },
        { "truncated-body.pem", "truncated-body.pem: block 1 (PUBLIC KEY): " },
        { "garbage-base64.pem", "garbage-base64.pem: block 1 (PUBLIC KEY): the base64 body is not valid (truncated, or characters that are not base64)" },
        { "unknown-block.pem", "unknown-block.pem: block 1 (FOO KEY): unknown PEM block type 'FOO KEY': expected one of PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, RSA PRIVATE KEY, PRIVATE KEY, EC PRIVATE KEY" },
        { "mismatched-end.pem", "mismatched-end.pem: block 1 (PUBLIC KEY): END line '-----END RSA PUBLIC KEY-----' does not match; expected '-----END PUBLIC KEY-----'" },
        { "garbage.txt", "garbage.txt: not a key file: no PEM block, OpenSSH public key or DER key structure found" },
        { "truncated.der", "truncated.der: not a key file: no PEM block, OpenSSH public key or DER key structure found" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void Parse_RefusesWithOneLineNamingFileBlockAndReason(string file, string expectedMessageStart)
    {
        var error = Assert.Throws<KeyFormatException>(() => Fixtures.Parse(file));

        Assert.StartsWith(expectedMessageStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(file, error.KeySource);
    }

    [Fact]
    public void Parse_RefusesTheWholeFile_WhenOneOfSeveralBlocksIsBad()
    {
        var text = System.Text.Encoding.ASCII.GetString(Fixtures.Bytes("rsa2048-spki.pem")) + System.Text.Encoding.ASCII.GetString(Fixtures.Bytes("rsa1024-spki.pem"));

        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(System.Text.Encoding.ASCII.GetBytes(text), "keys.pem"));

        Assert.StartsWith("keys.pem: block 2 (PUBLIC KEY): RSA key is 1024 bits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh-rsa", "keys.pub: line 1 (ssh-rsa): no base64 key data after the key type")]
    [InlineData("ssh-rsa !!!notbase64", "keys.pub: line 1 (ssh-rsa): the base64 key data is not valid")]
    [InlineData("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB", "keys.pub: line 1 (ssh-rsa): the key data is truncated")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIA==", "keys.pub: line 1 (ssh-rsa): the key data says 'ssh-ed25519' but the line says 'ssh-rsa'")]
    public void Parse_RefusesBrokenOpenSshLines(string line, string expected)
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(System.Text.Encoding.ASCII.GetBytes(line), "keys.pub"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesAPemFileWithOnlyParameters()
    {
        var pem = System.Text.Encoding.ASCII.GetString(Fixtures.Bytes("ec-p256-sec1-private.pem"));
        var parametersOnly = pem[..(pem.IndexOf("-----END EC PARAMETERS-----", StringComparison.Ordinal) + "-----END EC PARAMETERS-----".Length)];

        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(System.Text.Encoding.ASCII.GetBytes(parametersOnly), "params.pem"));

        Assert.Equal("params.pem: the PEM file holds no key block (only parameters)", error.Message);
    }
}
