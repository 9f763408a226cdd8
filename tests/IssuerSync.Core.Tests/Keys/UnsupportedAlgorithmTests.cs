using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>Key algorithms that are neither RSA nor EC, named in a SubjectPublicKeyInfo or a PKCS#8 key: each with its own reason.</summary>
public class UnsupportedAlgorithmTests
{
    private const string KubernetesAlgorithms = "Kubernetes signs service-account tokens with RSA (2048 bits or more) or ECDSA (P-256, P-384, P-521) keys";

    public static TheoryData<string, string> Algorithms => new()
    {
        { "1.3.101.112", $"Ed25519 keys are not supported: {KubernetesAlgorithms}" },
        { "1.3.101.113", $"Ed448 keys are not supported: {KubernetesAlgorithms}" },
        { "1.3.101.110", "X25519/X448 keys are key-agreement keys and cannot sign tokens; use an RSA or ECDSA key" },
        { "1.3.101.111", "X25519/X448 keys are key-agreement keys and cannot sign tokens; use an RSA or ECDSA key" },
        { "1.2.840.10040.4.1", $"DSA keys are not supported: {KubernetesAlgorithms}" },
        { "1.2.840.113549.1.1.10", "RSASSA-PSS keys are not supported: Kubernetes uses plain RSA keys (rsaEncryption) for RS256" },
        { "1.2.3.4.5", "key algorithm 1.2.3.4.5 is not supported: Kubernetes signs service-account tokens with RSA or ECDSA keys" },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Parse_NamesTheAlgorithm_OfAPublicKey(string oid, string reason)
    {
        var spki = KeyDer.Spki(oid, null, new byte[32]);

        var error = Assert.Throws<KeyFormatException>(() => KeyDer.Parse(KeyDer.Pem("PUBLIC KEY", spki), "k.pem"));

        Assert.Equal($"k.pem: block 1 (PUBLIC KEY): {reason}", error.Message);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Parse_NamesTheAlgorithm_OfAPkcs8PrivateKey(string oid, string reason)
    {
        var pkcs8 = KeyDer.Pkcs8(oid, null, new byte[34]);

        var error = Assert.Throws<KeyFormatException>(() => KeyFileParser.Parse(pkcs8, "k.der"));

        Assert.Equal($"k.der: DER: {reason}", error.Message);
    }
}
