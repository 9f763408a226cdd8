using System.Security.Cryptography;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Testing.Issuers;

/// <summary>A registered issuer with a trusted signing key, and helpers for pushes signed with it.</summary>
public static class StateWorld
{
    public const string Issuer = "https://oidc.example.com/prod";
    public const string Agent = "system:serviceaccount:issuersync:agent";

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static readonly RSA Signer = TestKeys.Rsa();

    public static readonly IssuerRegistration Prod = new()
    {
        Id = "prod",
        Issuer = Issuer,
        Target = "dir:/srv/oidc/prod",
        AgentSubject = Agent,
    };

    public static readonly IssuerRegistry Registry = RegistrationValidator.Load([Prod]);

    public static ServiceAccountKey Key(AsymmetricAlgorithm key)
        => ServiceAccountKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), "test", null);

    /// <summary>Prod with the signer approved and published.</summary>
    public static IssuerState Trusted() => IssuerState.New(Prod.Id, Issuer) with
    {
        Keys = [KeyRecord.Create(Key(Signer), KeyStatus.Active, Now.AddDays(-1))],
        LatestSigningKid = TestKeys.ExpectedKid(Signer),
    };

    public static byte[] Body(DateTimeOffset observedAt, params AsymmetricAlgorithm[] keys) => new PushRequest
    {
        Issuer = Issuer,
        Jwks = TestTokens.Element(System.Text.Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create(keys.Select(Key))))),
        ObservedAt = observedAt,
        AgentVersion = "0.1.0-test",
    }.ToJson();

    public static string Token(DateTimeOffset now) => TestTokens.Sign(Signer, TestTokens.Claims(Issuer, Agent, PushProtocol.DefaultAudience, now.AddSeconds(-5)));
}
