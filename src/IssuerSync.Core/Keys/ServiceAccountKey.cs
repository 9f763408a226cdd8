using System.Formats.Asn1;
using System.Security.Cryptography;

namespace IssuerSync.Core.Keys;

/// <summary>
/// A public key Kubernetes can sign service-account tokens with: RSA of 2048 bits or more, or EC on
/// P-256, P-384 or P-521. Only public parameters are ever stored here, so nothing built from it can
/// carry private key material. Every instance has passed validation.
/// </summary>
public sealed class ServiceAccountKey : IEquatable<ServiceAccountKey>
{
    public const int MinimumRsaBits = 2048;

    /// <summary>The largest RSA modulus accepted: the largest size the clouds document (docs/trust-and-rotation.md); larger keys only cost CPU.</summary>
    public const int MaximumRsaBits = 4096;

    private readonly byte[] _subjectPublicKeyInfo;
    private readonly byte[] _first;
    private readonly byte[] _second;

    private ServiceAccountKey(KeyType type, byte[] spki, byte[] first, byte[] second, EcCurve? curve, int sizeBits)
    {
        Type = type;
        _subjectPublicKeyInfo = spki;
        _first = first;
        _second = second;
        Curve = curve;
        SizeBits = sizeBits;
        Kid = KubernetesKeyId.FromSubjectPublicKeyInfo(spki);
    }

    public KeyType Type { get; }

    /// <summary>The Kubernetes key id of this key (see <see cref="KubernetesKeyId"/>).</summary>
    public string Kid { get; }

    /// <summary>RS256 for RSA; ES256, ES384 or ES512 by curve.</summary>
    public string Algorithm => Type == KeyType.Rsa ? "RS256" : Curve!.Algorithm;

    /// <summary>The curve of an EC key; null for RSA.</summary>
    public EcCurve? Curve { get; }

    /// <summary>Modulus length for RSA, field size for EC.</summary>
    public int SizeBits { get; }

    /// <summary>Canonical DER SubjectPublicKeyInfo, as Go's x509.MarshalPKIXPublicKey writes it.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo => _subjectPublicKeyInfo;

    /// <summary>RSA modulus, big-endian without leading zeros.</summary>
    public ReadOnlyMemory<byte> Modulus => Type == KeyType.Rsa ? _first : throw NotA(nameof(Modulus), "RSA");

    /// <summary>RSA public exponent, big-endian without leading zeros.</summary>
    public ReadOnlyMemory<byte> Exponent => Type == KeyType.Rsa ? _second : throw NotA(nameof(Exponent), "RSA");

    /// <summary>EC x coordinate, left-padded to the field size.</summary>
    public ReadOnlyMemory<byte> X => Type == KeyType.Ec ? _first : throw NotA(nameof(X), "EC");

    /// <summary>EC y coordinate, left-padded to the field size.</summary>
    public ReadOnlyMemory<byte> Y => Type == KeyType.Ec ? _second : throw NotA(nameof(Y), "EC");

    /// <summary>A short human description: "RSA 2048", "EC P-256".</summary>
    public string Description => Type == KeyType.Rsa ? $"RSA {SizeBits}" : $"EC {Curve!.JwkName}";

    /// <summary>
    /// SHA-256 of the SubjectPublicKeyInfo in lowercase hex: what an operator compares when approving a key (openssl
    /// pkey -pubin -outform DER | sha256sum).
    /// </summary>
    public string Fingerprint => Convert.ToHexString(SHA256.HashData(_subjectPublicKeyInfo)).ToLowerInvariant();

    /// <summary>
    /// Builds a key from a DER SubjectPublicKeyInfo. Throws <see cref="KeyFormatException"/> naming
    /// <paramref name="source"/> and <paramref name="block"/> when the key is not usable.
    /// </summary>
    public static ServiceAccountKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> spki, string source, string? block)
    {
        var (algorithmOid, parameterOid) = ReadAlgorithm(spki, source, block);
        try
        {
            switch (algorithmOid)
            {
                case Oids.Rsa:
                {
                    using var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(spki, out var read);
                    if (read != spki.Length)
                    {
                        throw new KeyFormatException(source, block, "unexpected data after the public key");
                    }

                    var p = rsa.ExportParameters(includePrivateParameters: false);
                    return FromRsa(p.Modulus!, p.Exponent!, source, block);
                }

                case Oids.EcPublicKey:
                {
                    var curve = parameterOid is null ? null : EcCurve.FromOid(parameterOid);
                    if (curve is null)
                    {
                        throw new KeyFormatException(source, block, UnsupportedCurveReason(parameterOid));
                    }

                    using var ec = ECDsa.Create();
                    ec.ImportSubjectPublicKeyInfo(spki, out var read);
                    if (read != spki.Length)
                    {
                        throw new KeyFormatException(source, block, "unexpected data after the public key");
                    }

                    var p = ec.ExportParameters(includePrivateParameters: false);
                    return FromEc(curve, p.Q.X!, p.Q.Y!, source, block);
                }

                default:
                    throw new KeyFormatException(source, block, Oids.UnsupportedAlgorithmReason(algorithmOid));
            }
        }
        catch (CryptographicException e)
        {
            throw new KeyFormatException(source, block, $"the public key is corrupt or truncated ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Builds an RSA key from its public parameters (big-endian).</summary>
    public static ServiceAccountKey FromRsa(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent, string source, string? block)
    {
        var n = TrimLeadingZeros(modulus);
        var e = TrimLeadingZeros(exponent);
        if (n.Length == 0 || e.Length == 0)
        {
            throw new KeyFormatException(source, block, "RSA key has an empty modulus or exponent");
        }

        var bits = BitLength(n);
        if (bits < MinimumRsaBits)
        {
            throw new KeyFormatException(
                source,
                block,
                $"RSA key is {bits} bits; at least {MinimumRsaBits} are required (clouds refuse smaller keys): generate a new key with 'openssl genrsa 2048'");
        }

        if (bits > MaximumRsaBits)
        {
            throw new KeyFormatException(
                source,
                block,
                $"RSA key is {bits} bits; at most {MaximumRsaBits} are accepted (the largest size the clouds document, see docs/trust-and-rotation.md): " +
                "generate a 2048-, 3072- or 4096-bit key ('openssl genrsa 4096')");
        }

        if ((e[^1] & 1) == 0 || (e.Length == 1 && e[0] < 3))
        {
            throw new KeyFormatException(source, block, "RSA public exponent is invalid (must be odd and at least 3)");
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = n.ToArray(), Exponent = e.ToArray() });
            return new ServiceAccountKey(KeyType.Rsa, rsa.ExportSubjectPublicKeyInfo(), n.ToArray(), e.ToArray(), null, bits);
        }
        catch (CryptographicException ex)
        {
            throw new KeyFormatException(source, block, $"RSA public key is invalid ({ex.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Builds an EC key from its public point. Coordinates may be shorter than the field; they are left-padded.</summary>
    public static ServiceAccountKey FromEc(EcCurve curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, string source, string? block)
    {
        var px = LeftPad(TrimLeadingZeros(x), curve.FieldSizeBytes, source, block);
        var py = LeftPad(TrimLeadingZeros(y), curve.FieldSizeBytes, source, block);
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportParameters(new ECParameters
            {
                Curve = ECCurve.CreateFromValue(curve.Oid),
                Q = new ECPoint { X = px, Y = py },
            });
            return new ServiceAccountKey(
                KeyType.Ec,
                ec.ExportSubjectPublicKeyInfo(),
                px,
                py,
                curve,
                curve.FieldSizeBytes == 66 ? 521 : curve.FieldSizeBytes * 8);
        }
        catch (CryptographicException ex)
        {
            throw new KeyFormatException(source, block, $"EC public key is not a point on {curve.JwkName} ({ex.Message.TrimEnd('.')})");
        }
    }

    public bool Equals(ServiceAccountKey? other)
        => other is not null && _subjectPublicKeyInfo.AsSpan().SequenceEqual(other._subjectPublicKeyInfo);

    public override bool Equals(object? obj) => Equals(obj as ServiceAccountKey);

    public override int GetHashCode() => Kid.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{Description} kid={Kid}";

    internal static (string Algorithm, string? Parameter) ReadAlgorithm(ReadOnlySpan<byte> spki, string source, string? block)
    {
        try
        {
            var reader = new AsnReader(spki.ToArray(), AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            string? parameter = null;
            if (algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                parameter = algorithm.ReadObjectIdentifier();
            }

            return (oid, parameter);
        }
        catch (AsnContentException)
        {
            throw new KeyFormatException(source, block, "not a valid SubjectPublicKeyInfo: the DER data is corrupt or truncated");
        }
    }

    internal static string UnsupportedCurveReason(string? curveOid) => curveOid switch
    {
        null => "EC key with explicit curve parameters is not supported: use a named curve (P-256, P-384 or P-521)",
        Oids.Secp256k1 => "EC curve secp256k1 is not supported: Kubernetes accepts P-256, P-384 and P-521",
        _ => $"EC curve {curveOid} is not supported: Kubernetes accepts P-256, P-384 and P-521",
    };

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }

    private static byte[] LeftPad(ReadOnlySpan<byte> value, int size, string source, string? block)
    {
        if (value.Length > size)
        {
            throw new KeyFormatException(source, block, $"EC coordinate is {value.Length} bytes, longer than the curve's {size}");
        }

        var padded = new byte[size];
        value.CopyTo(padded.AsSpan(size - value.Length));
        return padded;
    }

    private static int BitLength(ReadOnlySpan<byte> bigEndian)
        => ((bigEndian.Length - 1) * 8) + (8 - System.Numerics.BitOperations.LeadingZeroCount((uint)bigEndian[0]) + 24);

    private InvalidOperationException NotA(string member, string type) => new($"{member} is only defined for {type} keys; this is an {Description} key");
}
