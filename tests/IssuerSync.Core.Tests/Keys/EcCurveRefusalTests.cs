using System.Security.Cryptography;
using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>EC keys on a curve Kubernetes does not accept, in every container that names a curve: SPKI, PKCS#8 and SEC 1, in PEM and DER.</summary>
public class EcCurveRefusalTests
{
    private const string Explicit = "EC key with explicit curve parameters is not supported: use a named curve (P-256, P-384 or P-521)";
    private const string UnknownCurve = "EC curve 1.2.3.4.5 is not supported: Kubernetes accepts P-256, P-384 and P-521";
    private const string Secp256k1 = "EC curve secp256k1 is not supported: Kubernetes accepts P-256, P-384 and P-521";

    public static TheoryData<string, string, string> Keys => new()
    {
        // container, curve, reason
        { "SPKI", "explicit", Explicit },
        { "SPKI", "unknown", UnknownCurve },
        { "SPKI", "secp256k1", Secp256k1 },
        { "PKCS#8", "explicit", Explicit },
        { "PKCS#8", "unknown", UnknownCurve },
        { "PKCS#8", "secp256k1", Secp256k1 },
        { "SEC 1", "explicit", Explicit },
        { "SEC 1", "unknown", UnknownCurve },
        { "SEC 1", "secp256k1", Secp256k1 },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Parse_RefusesTheCurve_InPem(string container, string curve, string reason)
    {
        var (label, der) = Build(container, curve);

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem(label, der), "k.pem"));

        Assert.Equal($"k.pem: block 1 ({label}): {reason}", error.Message);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Parse_RefusesTheCurve_InDer(string container, string curve, string reason)
    {
        var (_, der) = Build(container, curve);

        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(der, "k.der"));

        Assert.Equal($"k.der: DER: {reason}", error.Message);
    }

    private static (string Label, byte[] Der) Build(string container, string curve)
    {
        using var p256 = TestKeys.Ec();
        using var k1 = ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10"));
        using var explicitCurve = KeyDer.ExplicitCurveKey();
        var point = p256.ExportParameters(false).Q;
        byte[] uncompressed = [0x04, .. point.X!, .. point.Y!];
        return (container, curve) switch
        {
            ("SPKI", "explicit") => ("PUBLIC KEY", explicitCurve.ExportSubjectPublicKeyInfo()),
            ("SPKI", "unknown") => ("PUBLIC KEY", KeyDer.Spki(KeyDer.EcPublicKey, KeyDer.Unknown, uncompressed)),
            ("SPKI", _) => ("PUBLIC KEY", k1.ExportSubjectPublicKeyInfo()),
            ("PKCS#8", "explicit") => ("PRIVATE KEY", explicitCurve.ExportPkcs8PrivateKey()),
            ("PKCS#8", "unknown") => ("PRIVATE KEY", KeyDer.Pkcs8(KeyDer.EcPublicKey, KeyDer.Unknown, p256.ExportECPrivateKey())),
            ("PKCS#8", _) => ("PRIVATE KEY", k1.ExportPkcs8PrivateKey()),
            (_, "explicit") => ("EC PRIVATE KEY", explicitCurve.ExportECPrivateKey()),
            (_, "unknown") => ("EC PRIVATE KEY", KeyDer.Sec1(p256, KeyDer.Unknown)),
            _ => ("EC PRIVATE KEY", k1.ExportECPrivateKey()),
        };
    }
}
