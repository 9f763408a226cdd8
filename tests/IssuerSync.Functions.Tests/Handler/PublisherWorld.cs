using System.Security.Cryptography;
using System.Text;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Testing;

namespace IssuerSync.Functions.Tests.Handler;

/// <summary>Two registered issuers on dir: stores in a temporary folder, and pushes their agents would send.</summary>
public sealed class PublisherWorld : IDisposable
{
    public const string ProdIssuer = "https://oidc.example.com/prod";
    public const string EdgeIssuer = "https://oidc.example.com/edge";
    public const string Agent = "system:serviceaccount:issuersync:issuersync-agent";

    public TempDirectory Folder { get; } = new();

    public string StateFolder => Folder.File("state");

    public string Documents(string issuerId) => Folder.File(Path.Combine("docs", issuerId));

    public string Jwks(string issuerId) => Path.Combine(Documents(issuerId), "openid", "v1", "jwks");

    public string Discovery(string issuerId) => Path.Combine(Documents(issuerId), ".well-known", "openid-configuration");

    public Dictionary<string, string> Settings() => new()
    {
        ["IssuerSync__StateStore"] = "dir:" + StateFolder,
        ["IssuerSync__ReconcileSchedule"] = "0 */5 * * * *",
        ["IssuerSync__Issuers__0__Id"] = "prod",
        ["IssuerSync__Issuers__0__Issuer"] = ProdIssuer,
        ["IssuerSync__Issuers__0__Target"] = "dir:" + Documents("prod"),
        ["IssuerSync__Issuers__0__AgentSubject"] = Agent,
        ["IssuerSync__Issuers__1__Id"] = "edge",
        ["IssuerSync__Issuers__1__Issuer"] = EdgeIssuer,
        ["IssuerSync__Issuers__1__Target"] = "dir:" + Documents("edge"),
        ["IssuerSync__Issuers__1__AgentSubject"] = Agent,
    };

    public static byte[] Body(string issuer, params AsymmetricAlgorithm[] keys) => new PushRequest
    {
        Issuer = issuer,
        Jwks = TestTokens.Element(Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create(keys.Select(k => ServiceAccountKey.FromSubjectPublicKeyInfo(k.ExportSubjectPublicKeyInfo(), "test", null)))))),
        ObservedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        AgentVersion = "0.1.0-test",
    }.ToJson();

    public static string Token(AsymmetricAlgorithm signer, string issuer, string subject = Agent)
        => TestTokens.Sign(signer, TestTokens.Claims(issuer, subject, PushProtocol.DefaultAudience, DateTimeOffset.UtcNow.AddSeconds(-5)));

    public static string Fingerprint(AsymmetricAlgorithm key) => Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).ToLowerInvariant();

    public void Dispose() => Folder.Dispose();
}
