using System.Security.Cryptography;

namespace IssuerSync.Testing;

/// <summary>Fresh keys for tests, and their PEM forms.</summary>
public static class TestKeys
{
    public static RSA Rsa(int bits = 2048) => RSA.Create(bits);

    public static ECDsa Ec(string curve = "P-256") => ECDsa.Create(curve switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentOutOfRangeException(nameof(curve)),
    });

    public static string PublicPem(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfoPem();

    public static string PrivatePem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    /// <summary>The Kubernetes kid computed independently of the product: base64url(SHA-256(SPKI DER)).</summary>
    public static string ExpectedKid(AsymmetricAlgorithm key)
        => Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
