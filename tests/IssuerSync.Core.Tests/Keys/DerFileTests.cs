using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>DER files without a PEM wrapper: how their shape is recognised, and what each wrong shape is told.</summary>
public class DerFileTests
{
    private const string NotAKeyFile = "key.der: not a key file: no PEM block, OpenSSH public key or DER key structure found";

    [Fact]
    public void Parse_RefusesAnEncryptedPkcs8Der_AsEncrypted()
    {
        using var rsa = TestKeys.Rsa();
        var der = rsa.ExportEncryptedPkcs8PrivateKey("password", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1));

        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(der, "key.der"));

        Assert.Equal("key.der: DER: the private key is encrypted: give the public key instead, or decrypt it first with 'openssl pkey -in FILE -out FILE.plain'", error.Message);
    }

    public static TheoryData<string, byte[], string> WrongShapes => new()
    {
        { "one INTEGER", KeyDer.Integers(0), NotAKeyFile },
        { "three INTEGERs, the first not 0", KeyDer.Integers(1, 2, 3), NotAKeyFile },
        { "an INTEGER and a BOOLEAN", Sequence(w => { w.WriteInteger(0); w.WriteBoolean(true); }), NotAKeyFile },
        { "a BOOLEAN first", Sequence(w => w.WriteBoolean(true)), NotAKeyFile },
        { "three INTEGERs, the first 0", KeyDer.Integers(0, 2, 3), "key.der: DER: not a valid PKCS#1 RSA private key: the DER data is corrupt or truncated" },
        { "an INTEGER and a SEQUENCE without an OID", Sequence(w => { w.WriteInteger(0); using (w.PushSequence()) { w.WriteInteger(1); } }), "key.der: DER: not a valid PKCS#8 private key: the DER data is corrupt or truncated" },
        { "an INTEGER and an OCTET STRING", Sequence(w => { w.WriteInteger(1); w.WriteOctetString([1, 2, 3]); }), "key.der: DER: not a valid SEC 1 EC private key: the DER data is corrupt or truncated" },
        { "a SEQUENCE without an OID", Sequence(w => { using (w.PushSequence()) { w.WriteInteger(1); } }), "key.der: DER: not a valid X.509 certificate: the DER data is corrupt or truncated" },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void Parse_TellsWhatTheDerLooksLike_WhenItIsNoKey(string shape, byte[] der, string message)
    {
        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(der, "key.der"));

        Assert.True(message == error.Message, $"{shape}: {error.Message}");
    }

    [Fact]
    public void Parse_ReadsDerAsDer_WhenItsBytesContainPemText()
    {
        var modulus = new byte[256];
        RandomNumberGenerator.Fill(modulus);
        modulus[0] |= 0x80;
        modulus[^1] |= 1;
        Encoding.ASCII.GetBytes("\n-----BEGIN PUBLIC KEY-----\n").CopyTo(modulus, 40);
        var expected = ServiceAccountKey.FromRsa(modulus, [1, 0, 1], "test", null);

        var key = Assert.Single(KeyFileParser.Parse(expected.SubjectPublicKeyInfo.Span, "key.der"));

        Assert.Equal(expected.Kid, key.Kid);
        Assert.Equal(modulus, key.Modulus.ToArray());
    }

    private static byte[] Sequence(Action<AsnWriter> contents)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            contents(writer);
        }

        return writer.Encode();
    }
}
