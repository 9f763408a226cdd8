using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>Keys at the edges of their rules: exponents, sizes, equality, trailing bytes, malformed SSH blobs and JWK members; every failure a <see cref="KeyFormatException"/>.</summary>
public class KeyEdgeTests
{
    private static readonly RSA Rsa = TestKeys.Rsa();
    private static readonly byte[] Modulus = Rsa.ExportParameters(false).Modulus!;

    [Theory]
    [InlineData("010001", null)]
    [InlineData("03", null)]
    [InlineData("0101", null)]
    [InlineData("00010001", null)]
    [InlineData("01", "RSA public exponent is invalid (must be odd and at least 3)")]
    [InlineData("02", "RSA public exponent is invalid (must be odd and at least 3)")]
    [InlineData("010000", "RSA public exponent is invalid (must be odd and at least 3)")]
    [InlineData("", "RSA key has an empty modulus or exponent")]
    [InlineData("0000", "RSA key has an empty modulus or exponent")]
    public void FromRsa_AppliesTheExponentRules(string exponentHex, string? reason)
    {
        var exponent = Convert.FromHexString(exponentHex);

        if (reason is null)
        {
            var key = ServiceAccountKey.FromRsa(Modulus, exponent, "test", null);
            Assert.Equal(Convert.ToHexString(exponent).TrimStart('0'), Convert.ToHexString(key.Exponent.Span).TrimStart('0'));
            Assert.NotEqual(0, key.Exponent.Span[0]);
            return;
        }

        var error = Assert.Throws<KeyFormatException>(() => ServiceAccountKey.FromRsa(Modulus, exponent, "test", null));
        Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData(2047, "RSA key is 2047 bits; at least 2048 are required (clouds refuse smaller keys): generate a new key with 'openssl genrsa 2048'")]
    [InlineData(2048, null)]
    [InlineData(4096, null)]
    [InlineData(4097, "RSA key is 4097 bits; at most 4096 are accepted (the largest size the clouds document, see docs/trust-and-rotation.md): generate a 2048-, 3072- or 4096-bit key ('openssl genrsa 4096')")]
    public void FromRsa_AppliesTheSizeBounds(int bits, string? reason)
    {
        var n = new byte[(bits + 7) / 8];
        RandomNumberGenerator.Fill(n);
        n[0] = (byte)((n[0] | (1 << ((bits - 1) % 8))) & ((1 << (((bits - 1) % 8) + 1)) - 1));
        n[^1] |= 1;

        if (reason is null)
        {
            Assert.Equal(bits, ServiceAccountKey.FromRsa(n, [1, 0, 1], "test", null).SizeBits);
            return;
        }

        Assert.Equal(reason, Assert.Throws<KeyFormatException>(() => ServiceAccountKey.FromRsa(n, [1, 0, 1], "test", null)).Reason);
    }

    [Fact]
    public void Equals_ComparesThePublicKey()
    {
        var fromSpki = ServiceAccountKey.FromSubjectPublicKeyInfo(Rsa.ExportSubjectPublicKeyInfo(), "a", null);
        var fromParameters = ServiceAccountKey.FromRsa(Modulus, [1, 0, 1], "b", "block");
        var other = ServiceAccountKey.FromSubjectPublicKeyInfo(TestKeys.Rsa().ExportSubjectPublicKeyInfo(), "a", null);

        Assert.True(fromSpki.Equals(fromParameters));
        Assert.True(fromSpki.Equals((object)fromParameters));
        Assert.Equal(fromSpki.GetHashCode(), fromParameters.GetHashCode());
        Assert.False(fromSpki.Equals(other));
        Assert.False(fromSpki.Equals(null));
        Assert.False(fromSpki.Equals((object)"not a key"));
    }

    public static TheoryData<string, string> TrailingDer => new()
    {
        { "SPKI RSA", "unexpected data after the public key" },
        { "SPKI EC", "unexpected data after the public key" },
        { "PKCS#1 RSA private", "unexpected data after the key" },
        { "PKCS#8 RSA private", "unexpected data after the key" },
        { "PKCS#8 EC private", "unexpected data after the key" },
        { "SEC1 EC private", "unexpected data after the key" },
        { "PKCS#1 RSA public", "unexpected data after the key" },
    };

    [Theory]
    [MemberData(nameof(TrailingDer))]
    public void Parse_RefusesTrailingBytes_AfterADerKey(string kind, string reason)
    {
        using var ec = TestKeys.Ec();
        byte[] der = kind switch
        {
            "SPKI RSA" => Rsa.ExportSubjectPublicKeyInfo(),
            "SPKI EC" => ec.ExportSubjectPublicKeyInfo(),
            "PKCS#1 RSA private" => Rsa.ExportRSAPrivateKey(),
            "PKCS#8 RSA private" => Rsa.ExportPkcs8PrivateKey(),
            "PKCS#8 EC private" => ec.ExportPkcs8PrivateKey(),
            "SEC1 EC private" => ec.ExportECPrivateKey(),
            _ => Rsa.ExportRSAPublicKey(),
        };

        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse([.. der, 0x00], "key.der"));
        var pemError = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem(Label(kind), [.. der, 0x00]), "key.pem"));

        Assert.Equal($"key.der: DER: {reason}", error.Message);
        Assert.Equal($"key.pem: block 1 ({Label(kind)}): {reason}", pemError.Message);
    }

    private static string Label(string kind) => kind switch
    {
        "SPKI RSA" or "SPKI EC" => "PUBLIC KEY",
        "PKCS#1 RSA private" => "RSA PRIVATE KEY",
        "SEC1 EC private" => "EC PRIVATE KEY",
        "PKCS#1 RSA public" => "RSA PUBLIC KEY",
        _ => "PRIVATE KEY",
    };

    [Fact]
    public void FromSubjectPublicKeyInfo_RefusesTrailingBytes()
    {
        var error = Assert.Throws<KeyFormatException>(() => ServiceAccountKey.FromSubjectPublicKeyInfo([.. Rsa.ExportSubjectPublicKeyInfo(), 0x05, 0x00], "test", null));

        Assert.Equal("unexpected data after the public key", error.Reason);
    }

    public static TheoryData<string, string> SshBlobs => new()
    {
        { "rsa with trailing bytes", "unexpected data after the public key" },
        { "ec with trailing bytes", "unexpected data after the public key" },
        { "truncated length", "the key data is truncated" },
        { "length beyond the data", "the key data is truncated" },
        { "type differs from the line", "the key data says 'ssh-dss' but the line says 'ssh-rsa'" },
        { "unknown curve", "unknown curve 'nistp999'" },
        { "point of the wrong size", "the EC point is not an uncompressed point of the curve's size" },
        { "compressed point", "the EC point is not an uncompressed point of the curve's size" },
        { "point not on the curve", "EC public key is not a point on P-256" },
        { "not base64", "the base64 key data is not valid (truncated, or characters that are not base64)" },
        { "no key data", "no base64 key data after the key type" },
    };

    [Theory]
    [MemberData(nameof(SshBlobs))]
    public void Parse_RefusesAMalformedOpenSshKey(string name, string reason)
    {
        using var ec = TestKeys.Ec();
        var q = ec.ExportParameters(false).Q;
        var p = Rsa.ExportParameters(false);
        byte[] point = [0x04, .. q.X!, .. q.Y!];
        var (type, data) = name switch
        {
            "rsa with trailing bytes" => ("ssh-rsa", Blob(S("ssh-rsa"), S(p.Exponent!), S([0, .. p.Modulus!]), [0x01])),
            "ec with trailing bytes" => ("ecdsa-sha2-nistp256", Blob(S("ecdsa-sha2-nistp256"), S("nistp256"), S(point), [0x00, 0x00, 0x00, 0x00])),
            "truncated length" => ("ssh-rsa", Blob(S("ssh-rsa"), [0x00, 0x00])),
            "length beyond the data" => ("ssh-rsa", Blob(S("ssh-rsa"), [0x00, 0x00, 0x10, 0x00, 0x01])),
            "type differs from the line" => ("ssh-rsa", Blob(S("ssh-dss"), S(p.Exponent!))),
            "unknown curve" => ("ecdsa-sha2-nistp256", Blob(S("ecdsa-sha2-nistp256"), S("nistp999"), S(point))),
            "point of the wrong size" => ("ecdsa-sha2-nistp256", Blob(S("ecdsa-sha2-nistp256"), S("nistp256"), S(point[..^1]))),
            "compressed point" => ("ecdsa-sha2-nistp256", Blob(S("ecdsa-sha2-nistp256"), S("nistp256"), S([0x02, .. q.X!, .. q.Y!]))),
            "point not on the curve" => ("ecdsa-sha2-nistp256", Blob(S("ecdsa-sha2-nistp256"), S("nistp256"), S([0x04, .. q.X!, .. Flip(q.Y!)]))),
            _ => ("ssh-rsa", (byte[]?)null),
        };
        var line = name switch
        {
            "not base64" => "ssh-rsa AAAA*%%% comment\n",
            "no key data" => "ssh-rsa\n",
            _ => $"{type} {Convert.ToBase64String(data!)} comment\n",
        };

        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(Encoding.ASCII.GetBytes(line), "id.pub"));

        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal("line 1 (" + type + ")", error.Block);
    }

    public static TheoryData<string, string> JwkMembers => new()
    {
        { "{\"kty\":\"EC\",\"kid\":\"x\",\"alg\":\"ES256\",\"crv\":\"P-999\",\"x\":\"AA\",\"y\":\"AA\"}", "unsupported crv 'P-999'" },
        { "{\"kty\":\"EC\",\"kid\":\"x\",\"alg\":\"ES256\",\"x\":\"AA\",\"y\":\"AA\"}", "unsupported crv ''" },
        { "{\"kty\":\"EC\",\"kid\":\"x\",\"alg\":\"ES256\",\"crv\":\"secp256k1\",\"x\":\"AA\",\"y\":\"AA\"}", "unsupported crv 'secp256k1'" },
        { "{\"kty\":\"OKP\",\"kid\":\"x\",\"alg\":\"EdDSA\",\"crv\":\"Ed25519\",\"x\":\"AA\"}", "unsupported kty 'OKP'" },
        { "{\"kty\":\"RSA\",\"kid\":\"x\",\"alg\":\"RS256\",\"n\":\"AQAB\",\"e\":\"\"}", "RSA key has an empty modulus or exponent" },
        { "{\"kty\":\"RSA\",\"kid\":\"x\",\"alg\":\"RS256\",\"n\":\"AQAB\"}", "'e' is missing or not base64url" },
        { "{\"kty\":\"RSA\",\"kid\":\"x\",\"alg\":\"RS256\",\"n\":\"!!\",\"e\":\"AQAB\"}", "'n' is missing or not base64url" },
    };

    [Theory]
    [MemberData(nameof(JwkMembers))]
    public void JwksParser_NamesTheProblem_WhenAKeyIsMalformed(string jwk, string reason)
    {
        var result = JwksParser.Parse(Encoding.UTF8.GetBytes($"{{\"keys\":[{jwk}]}}"));

        Assert.Equal($"key 1 (kid x): {reason}", Assert.Single(result.Problems));
    }

    private static byte[] S(string text) => S(Encoding.ASCII.GetBytes(text));

    private static byte[] S(byte[] value)
    {
        var result = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt32BigEndian(result, (uint)value.Length);
        value.CopyTo(result, 4);
        return result;
    }

    private static byte[] Blob(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] Flip(byte[] value) => [.. value[..^1], (byte)(value[^1] ^ 1)];
}
