using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Testing;

/// <summary>
/// A test root CA, optionally an intermediate CA it signed, and a leaf for 127.0.0.1 signed by the
/// intermediate (or the root), made fresh for each test run.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates(string caName = "IssuerSync Test CA", bool withIntermediate = false)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var issuer = Ca;
        if (withIntermediate)
        {
            using var intermediateKey = RSA.Create(2048);
            var intermediateRequest = new CertificateRequest($"CN={caName} Intermediate", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            intermediateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(intermediateRequest.PublicKey, false));
            using var signedIntermediate = intermediateRequest.Create(Ca, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(16));
            Intermediate = signedIntermediate.CopyWithPrivateKey(intermediateKey);
            issuer = Intermediate;
        }

        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = leafRequest.Create(issuer, now.AddDays(-1), now.AddDays(28), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(leafKey);

        // Round trip through PKCS#12 so SslStream can use the private key on every platform.
        Leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2? Intermediate { get; }

    public X509Certificate2 Leaf { get; }

    /// <summary>What the server sends after its leaf: the intermediate, or else the root.</summary>
    public X509Certificate2 TopServed => Intermediate ?? Ca;

    /// <summary>The CA as --ca-cert reads it.</summary>
    public string CaPem => Ca.ExportCertificatePem();

    public static string Sha1(X509Certificate2 certificate) => Convert.ToHexString(SHA1.HashData(certificate.RawData)).ToLowerInvariant();

    public void Dispose()
    {
        Ca.Dispose();
        Intermediate?.Dispose();
        Leaf.Dispose();
    }
}
