namespace IssuerSync.Core.Keys;

/// <summary>Algorithm identifiers seen in key files, named for error messages.</summary>
internal static class Oids
{
    public const string Rsa = "1.2.840.113549.1.1.1";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string Dsa = "1.2.840.10040.4.1";
    public const string Ed25519 = "1.3.101.112";
    public const string Ed448 = "1.3.101.113";
    public const string X25519 = "1.3.101.110";
    public const string X448 = "1.3.101.111";
    public const string Secp256k1 = "1.3.132.0.10";

    /// <summary>Why a key algorithm that is not RSA or EC is refused.</summary>
    public static string UnsupportedAlgorithmReason(string oid) => oid switch
    {
        Dsa => "DSA keys are not supported: Kubernetes signs service-account tokens with RSA (2048 bits or more) or ECDSA (P-256, P-384, P-521) keys",
        Ed25519 => "Ed25519 keys are not supported: Kubernetes signs service-account tokens with RSA (2048 bits or more) or ECDSA (P-256, P-384, P-521) keys",
        Ed448 => "Ed448 keys are not supported: Kubernetes signs service-account tokens with RSA (2048 bits or more) or ECDSA (P-256, P-384, P-521) keys",
        X25519 or X448 => "X25519/X448 keys are key-agreement keys and cannot sign tokens; use an RSA or ECDSA key",
        RsaPss => "RSASSA-PSS keys are not supported: Kubernetes uses plain RSA keys (rsaEncryption) for RS256",
        _ => $"key algorithm {oid} is not supported: Kubernetes signs service-account tokens with RSA or ECDSA keys",
    };
}
