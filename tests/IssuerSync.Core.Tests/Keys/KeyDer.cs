using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>Builds the key structures a test needs (SPKI, PKCS#8, SEC 1, PEM, OpenSSH blobs), including ones no tool writes.</summary>
internal static class KeyDer
{
    public const string Rsa = "1.2.840.113549.1.1.1";
    public const string EcPublicKey = "1.2.840.10045.2.1";

    /// <summary>An OID that names no curve or algorithm OpenSSL knows.</summary>
    public const string Unknown = "1.2.3.4.5";

    /// <summary>SEQUENCE { INTEGER 1 }: valid DER that is none of the key structures.</summary>
    public static readonly byte[] NotAKeyStructure = [0x30, 0x03, 0x02, 0x01, 0x01];

    public static byte[] Spki(string algorithm, string? parameter, byte[] key)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteAlgorithm(writer, algorithm, parameter);
            writer.WriteBitString(key);
        }

        return writer.Encode();
    }

    public static byte[] Pkcs8(string algorithm, string? parameter, byte[] privateKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            WriteAlgorithm(writer, algorithm, parameter);
            writer.WriteOctetString(privateKey);
        }

        return writer.Encode();
    }

    /// <summary>A SEC 1 ECPrivateKey of a P-256 key, naming <paramref name="curveOid"/> as its curve.</summary>
    public static byte[] Sec1(ECDsa key, string curveOid)
    {
        var p = key.ExportParameters(includePrivateParameters: true);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(p.D);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteObjectIdentifier(curveOid);
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            {
                writer.WriteBitString([0x04, .. p.Q.X!, .. p.Q.Y!]);
            }
        }

        return writer.Encode();
    }

    /// <summary>A SEQUENCE of the given INTEGERs.</summary>
    public static byte[] Integers(params int[] values)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var value in values)
            {
                writer.WriteInteger(value);
            }
        }

        return writer.Encode();
    }

    /// <summary>A P-256 key whose curve is given by its parameters (prime, coefficients, generator) instead of a name.</summary>
    public static ECDsa ExplicitCurveKey()
    {
        using var named = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = ECDsa.Create();
        key.ImportParameters(named.ExportExplicitParameters(includePrivateParameters: true));
        return key;
    }

    public static string Pem(string label, byte[] der, string headers = "")
        => $"-----BEGIN {label}-----\n{headers}{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n")}\n-----END {label}-----\n";

    public static IReadOnlyList<ServiceAccountKey> Parse(string text, string source) => KeyFileParser.Parse(Encoding.ASCII.GetBytes(text), source);

    /// <summary>One SSH wire-format string (RFC 4251 §5): a 4-byte big-endian length and the bytes.</summary>
    public static byte[] SshString(string text) => SshString(Encoding.ASCII.GetBytes(text));

    public static byte[] SshString(byte[] value)
    {
        var result = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt32BigEndian(result, (uint)value.Length);
        value.CopyTo(result, 4);
        return result;
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static void WriteAlgorithm(AsnWriter writer, string algorithm, string? parameter)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(algorithm);
            if (parameter is not null)
            {
                writer.WriteObjectIdentifier(parameter);
            }
            else if (algorithm == Rsa)
            {
                writer.WriteNull();
            }
        }
    }
}
