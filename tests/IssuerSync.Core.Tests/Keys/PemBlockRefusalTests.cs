using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>PEM blocks that hold no usable key: each label's refusal, and corrupt DER under each label, by exact message.</summary>
public class PemBlockRefusalTests
{
    private const string Dsa = "DSA keys are not supported: Kubernetes signs service-account tokens with RSA (2048 bits or more) or ECDSA (P-256, P-384, P-521) keys";
    private const string Encrypted = "the private key is encrypted: give the public key instead, or decrypt it first with 'openssl pkey -in FILE -out FILE.plain'";
    private const string Request = "a certificate request is not a key: give the key or the issued certificate";

    public static TheoryData<string, string> RefusedLabels => new()
    {
        { "DSA PRIVATE KEY", Dsa },
        { "DSA PUBLIC KEY", Dsa },
        { "OPENSSH PRIVATE KEY", "OpenSSH private keys are not read: give the public key (the .pub file), or convert with 'ssh-keygen -e -m PKCS8 -f FILE'" },
        { "CERTIFICATE REQUEST", Request },
        { "NEW CERTIFICATE REQUEST", Request },
        { "ENCRYPTED PRIVATE KEY", Encrypted },
    };

    [Theory]
    [MemberData(nameof(RefusedLabels))]
    public void Parse_RefusesTheBlock_WhenItsLabelIsNoUsableKey(string label, string reason)
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem(label, KeyDer.NotAKeyStructure), "k.pem"));

        Assert.Equal($"k.pem: block 1 ({label}): {reason}", error.Message);
    }

    [Theory]
    [InlineData("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n")]
    [InlineData("proc-type: 4,encrypted\n\n")]
    [InlineData("Proc-Type : 4,ENCRYPTED\n\n")]
    public void Parse_RefusesAnEncryptedLegacyBlock_WhateverTheHeaderCase(string headers)
    {
        using var rsa = TestKeys.Rsa();

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey(), headers), "k.pem"));

        Assert.Equal($"k.pem: block 1 (RSA PRIVATE KEY): {Encrypted}", error.Message);
    }

    [Theory]
    [InlineData("Proc-Type: 4,MIC-ONLY\n\n")]
    [InlineData("Comment: ENCRYPTED is only a comment\n\n")]
    public void Parse_ReadsTheKey_WhenAHeaderDoesNotSayItIsEncrypted(string headers)
    {
        using var rsa = TestKeys.Rsa();

        var key = Assert.Single(KeyDer.Parse(KeyDer.Pem("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey(), headers), "k.pem"));

        Assert.Equal(TestKeys.ExpectedKid(rsa), key.Kid);
    }

    public static TheoryData<string, string> CorruptDer => new()
    {
        { "PUBLIC KEY", "not a valid SubjectPublicKeyInfo: the DER data is corrupt or truncated" },
        { "RSA PUBLIC KEY", "not a valid PKCS#1 RSA public key: the DER data is corrupt or truncated" },
        { "CERTIFICATE", "not a valid X.509 certificate: the DER data is corrupt or truncated" },
        { "RSA PRIVATE KEY", "not a valid PKCS#1 RSA private key: the DER data is corrupt or truncated" },
        { "EC PRIVATE KEY", "not a valid SEC 1 EC private key: the DER data is corrupt or truncated" },
        { "PRIVATE KEY", "not a valid PKCS#8 private key: the DER data is corrupt or truncated" },
    };

    [Theory]
    [MemberData(nameof(CorruptDer))]
    public void Parse_NamesTheStructure_WhenTheDerUnderALabelIsCorrupt(string label, string reason)
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem(label, KeyDer.NotAKeyStructure), "k.pem"));

        Assert.Equal($"k.pem: block 1 ({label}): {reason}", error.Message);
    }

    [Fact]
    public void Parse_RefusesAPkcs8RsaKey_WhoseInnerKeyIsCorrupt()
    {
        var pkcs8 = KeyDer.Pkcs8(KeyDer.Rsa, null, KeyDer.NotAKeyStructure);

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem("PRIVATE KEY", pkcs8), "k.pem"));

        Assert.Equal("k.pem: block 1 (PRIVATE KEY): not a valid PKCS#8 private key: the DER data is corrupt or truncated", error.Message);
    }

    [Fact]
    public void Parse_RefusesARsaSubjectPublicKeyInfo_WhoseKeyIsCorrupt()
    {
        var spki = KeyDer.Spki(KeyDer.Rsa, null, KeyDer.NotAKeyStructure);

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem("PUBLIC KEY", spki), "k.pem"));

        Assert.Equal("block 1 (PUBLIC KEY)", error.Block);
        Assert.Matches(@"^the public key is corrupt or truncated \(.*[^.]\)$", error.Reason);
    }
}
