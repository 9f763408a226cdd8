namespace IssuerSync.Core.Keys;

/// <summary>The JWK key types Kubernetes signs service-account tokens with.</summary>
public enum KeyType
{
    Rsa,
    Ec,
}
