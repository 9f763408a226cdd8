using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Core.Keys;

/// <summary>
/// Turns one DER structure into a public key. Private keys are imported only long enough to
/// export their public half; the private key object is disposed before this returns.
/// </summary>
internal static class DerKeyDecoder
{
    /// <summary>The PEM labels this decoder understands, for the "unknown block" message.</summary>
    public static readonly string[] KnownLabels =
        ["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"];

    public static ServiceAccountKey? DecodePemBlock(PemBlock block, string source)
    {
        var name = block.Name;
        if (block.Headers.TryGetValue("Proc-Type", out var procType) && procType.Contains("ENCRYPTED", StringComparison.OrdinalIgnoreCase))
        {
            throw new KeyFormatException(source, name, EncryptedReason);
        }

        return block.Label switch
        {
            "PUBLIC KEY" => ServiceAccountKey.FromSubjectPublicKeyInfo(block.Der, source, name),
            "RSA PUBLIC KEY" => FromRsaPublicKey(block.Der, source, name),
            "CERTIFICATE" => FromCertificate(block.Der, source, name),
            "RSA PRIVATE KEY" => FromRsaPrivateKey(block.Der, source, name),
            "PRIVATE KEY" => FromPkcs8(block.Der, source, name),
            "EC PRIVATE KEY" => FromEcPrivateKey(block.Der, source, name),

            // openssl ecparam/dsaparam -genkey write the parameters in a block of their own before the key.
            "EC PARAMETERS" or "DSA PARAMETERS" => null,
            "ENCRYPTED PRIVATE KEY" => throw new KeyFormatException(source, name, EncryptedReason),
            "DSA PRIVATE KEY" or "DSA PUBLIC KEY" => throw new KeyFormatException(source, name, Oids.UnsupportedAlgorithmReason(Oids.Dsa)),
            "OPENSSH PRIVATE KEY" => throw new KeyFormatException(
                source,
                name,
                "OpenSSH private keys are not read: give the public key (the .pub file), or convert with 'ssh-keygen -e -m PKCS8 -f FILE'"),
            "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST" => throw new KeyFormatException(
                source,
                name,
                "a certificate request is not a key: give the key or the issued certificate"),
            _ => throw new KeyFormatException(source, name, $"unknown PEM block type '{block.Label}': expected one of {string.Join(", ", KnownLabels)}"),
        };
    }

    /// <summary>A DER file without a PEM wrapper: tried as each structure in turn.</summary>
    public static ServiceAccountKey DecodeDer(byte[] der, string source)
    {
        const string Name = "DER";
        var kind = Classify(der);
        return kind switch
        {
            DerKind.SubjectPublicKeyInfo => ServiceAccountKey.FromSubjectPublicKeyInfo(der, source, Name),
            DerKind.Pkcs8 => FromPkcs8(der, source, Name),
            DerKind.EncryptedPkcs8 => throw new KeyFormatException(source, Name, EncryptedReason),
            DerKind.Certificate => FromCertificate(der, source, Name),
            DerKind.RsaPublicKey => FromRsaPublicKey(der, source, Name),
            DerKind.RsaPrivateKey => FromRsaPrivateKey(der, source, Name),
            DerKind.EcPrivateKey => FromEcPrivateKey(der, source, Name),
            _ => throw new KeyFormatException(source, null, "not a key file: no PEM block, OpenSSH public key or DER key structure found"),
        };
    }

    private const string EncryptedReason =
        "the private key is encrypted: give the public key instead, or decrypt it first with 'openssl pkey -in FILE -out FILE.plain'";

    private enum DerKind
    {
        Unknown,
        SubjectPublicKeyInfo,
        Pkcs8,
        EncryptedPkcs8,
        Certificate,
        RsaPublicKey,
        RsaPrivateKey,
        EcPrivateKey,
    }

    /// <summary>Recognises the structure by the shape of its outer SEQUENCE, without trusting its contents.</summary>
    private static DerKind Classify(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var first = outer.PeekTag();
            if (first.HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var algorithmOrTbs = outer.ReadSequence();
                if (algorithmOrTbs.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
                {
                    return outer.PeekTag().HasSameClassAndValue(Asn1Tag.PrimitiveBitString) ? DerKind.SubjectPublicKeyInfo : DerKind.EncryptedPkcs8;
                }

                return DerKind.Certificate;
            }

            if (first.HasSameClassAndValue(Asn1Tag.Integer))
            {
                var firstInteger = outer.ReadIntegerBytes().ToArray();
                var second = outer.PeekTag();
                if (second.HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    return DerKind.Pkcs8;
                }

                if (second.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
                {
                    return DerKind.EcPrivateKey;
                }

                // A SEQUENCE of one INTEGER never gets here: PeekTag above throws when no element follows.
                outer.ReadIntegerBytes();
                return outer.HasData ? (firstInteger is [0] ? DerKind.RsaPrivateKey : DerKind.Unknown) : DerKind.RsaPublicKey;
            }
        }
        catch (AsnContentException)
        {
        }

        return DerKind.Unknown;
    }

    private static ServiceAccountKey FromRsaPublicKey(byte[] der, string source, string block)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportRSAPublicKey(der, out var read);
            EnsureConsumed(read, der, source, block);
            var p = rsa.ExportParameters(includePrivateParameters: false);
            return ServiceAccountKey.FromRsa(p.Modulus, p.Exponent, source, block);
        }
        catch (CryptographicException)
        {
            throw Corrupt(source, block, "PKCS#1 RSA public key");
        }
    }

    private static ServiceAccountKey FromCertificate(byte[] der, string source, string block)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            throw Corrupt(source, block, "X.509 certificate");
        }

        using (certificate)
        {
            return ServiceAccountKey.FromSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo(), source, block);
        }
    }

    private static ServiceAccountKey FromRsaPrivateKey(byte[] der, string source, string block)
    {
        var rsa = RSA.Create();
        return FromPrivateKey(rsa, rsa.ImportRSAPrivateKey, der, source, block, "PKCS#1 RSA private key");
    }

    private static ServiceAccountKey FromEcPrivateKey(byte[] der, string source, string block)
    {
        var curveOid = ReadEcPrivateKeyCurve(der);
        if (curveOid is not null && EcCurve.FromOid(curveOid) is null)
        {
            throw new KeyFormatException(source, block, ServiceAccountKey.UnsupportedCurveReason(curveOid));
        }

        var ec = ECDsa.Create();
        return FromPrivateKey(ec, ec.ImportECPrivateKey, der, source, block, "SEC 1 EC private key");
    }

    private static ServiceAccountKey FromPkcs8(byte[] der, string source, string block)
    {
        string algorithm;
        string? parameter = null;
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            info.ReadIntegerBytes();
            var algorithmId = info.ReadSequence();
            algorithm = algorithmId.ReadObjectIdentifier();
            if (algorithmId.HasData && algorithmId.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                parameter = algorithmId.ReadObjectIdentifier();
            }
        }
        catch (AsnContentException)
        {
            throw Corrupt(source, block, "PKCS#8 private key");
        }

        if (algorithm == Oids.EcPublicKey && (parameter is null || EcCurve.FromOid(parameter) is null))
        {
            throw new KeyFormatException(source, block, ServiceAccountKey.UnsupportedCurveReason(parameter));
        }

        AsymmetricAlgorithm key = algorithm switch
        {
            Oids.Rsa => RSA.Create(),
            Oids.EcPublicKey => ECDsa.Create(),
            _ => throw new KeyFormatException(source, block, Oids.UnsupportedAlgorithmReason(algorithm)),
        };
        return FromPrivateKey(key, key.ImportPkcs8PrivateKey, der, source, block, "PKCS#8 private key");
    }

    private delegate void KeyImport(ReadOnlySpan<byte> der, out int read);

    /// <summary>Imports a private key into <paramref name="key"/> (disposed after) and keeps only its public half.</summary>
    private static ServiceAccountKey FromPrivateKey(AsymmetricAlgorithm key, KeyImport import, byte[] der, string source, string block, string what)
    {
        byte[] spki;
        using (key)
        {
            try
            {
                import(der, out var read);
                EnsureConsumed(read, der, source, block);
                spki = key.ExportSubjectPublicKeyInfo();
            }
            catch (CryptographicException)
            {
                throw Corrupt(source, block, what);
            }
        }

        return ServiceAccountKey.FromSubjectPublicKeyInfo(spki, source, block);
    }

    private static string? ReadEcPrivateKeyCurve(byte[] der)
    {
        try
        {
            var key = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            key.ReadIntegerBytes();
            key.ReadOctetString();
            var parametersTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (key.HasData && key.PeekTag().HasSameClassAndValue(parametersTag))
            {
                var parameters = key.ReadSequence(parametersTag);
                if (parameters.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
                {
                    return parameters.ReadObjectIdentifier();
                }
            }
        }
        catch (AsnContentException)
        {
        }

        return null;
    }

    private static void EnsureConsumed(int read, byte[] der, string source, string block)
    {
        if (read != der.Length)
        {
            throw new KeyFormatException(source, block, "unexpected data after the key");
        }
    }

    private static KeyFormatException Corrupt(string source, string block, string what)
        => new(source, block, $"not a valid {what}: the DER data is corrupt or truncated");
}
