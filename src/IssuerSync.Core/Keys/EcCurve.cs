namespace IssuerSync.Core.Keys;

/// <summary>An elliptic curve Kubernetes accepts for service-account keys, with its JOSE names.</summary>
public sealed record EcCurve(string JwkName, string Algorithm, string Oid, int FieldSizeBytes)
{
    public static readonly EcCurve P256 = new("P-256", "ES256", "1.2.840.10045.3.1.7", 32);
    public static readonly EcCurve P384 = new("P-384", "ES384", "1.3.132.0.34", 48);
    public static readonly EcCurve P521 = new("P-521", "ES512", "1.3.132.0.35", 66);

    public static IReadOnlyList<EcCurve> All { get; } = [P256, P384, P521];

    public static EcCurve? FromOid(string oid) => All.FirstOrDefault(c => c.Oid == oid);

    public static EcCurve? FromJwkName(string name) => All.FirstOrDefault(c => c.JwkName == name);
}
