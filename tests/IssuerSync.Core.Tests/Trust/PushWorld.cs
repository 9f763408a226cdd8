using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>Two registered issuers, real keys, and helpers to build push bodies and mint tokens.</summary>
internal static class PushWorld
{
    public const string Issuer = "https://oidc.example.com/prod";
    public const string OtherIssuer = "https://oidc.example.com/other";
    public const string Agent = "system:serviceaccount:issuersync:agent";
    public const string Source = "10.0.0.9";

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The key prod already trusts and signs with.</summary>
    public static readonly RSA KeyA = TestKeys.Rsa();

    /// <summary>A new key of the prod cluster.</summary>
    public static readonly ECDsa KeyB = TestKeys.Ec();

    /// <summary>The key the other issuer trusts.</summary>
    public static readonly ECDsa KeyC = TestKeys.Ec("P-384");

    public static readonly IssuerRegistration Prod = new()
    {
        Id = "prod",
        Issuer = Issuer,
        Target = "dir:/srv/oidc/prod",
        AgentSubject = Agent,
        MaxTokenLifetime = TimeSpan.FromHours(1),
        RetentionWindow = TimeSpan.FromDays(2),
        MaxBundleAge = TimeSpan.FromHours(12),
    };

    public static readonly IssuerRegistry Registry = RegistrationValidator.Load(
    [
        Prod,
        Prod with { Id = "other", Issuer = OtherIssuer, Target = "dir:/srv/oidc/other" },
    ]);

    public static readonly PushVerificationOptions Options = new();

    public static ServiceAccountKey Key(AsymmetricAlgorithm key)
        => ServiceAccountKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), "test", null);

    public static string Kid(AsymmetricAlgorithm key) => TestKeys.ExpectedKid(key);

    /// <summary>Prod's state with <paramref name="keys"/> active (default: A), A as latest signing kid.</summary>
    public static IssuerState TrustedState(params AsymmetricAlgorithm[] keys)
    {
        var trusted = keys.Length == 0 ? [KeyA] : keys;
        return IssuerState.New("prod", Issuer) with
        {
            Keys = trusted.Select(k => KeyRecord.Create(Key(k), KeyStatus.Active, Now.AddDays(-1))).OrderBy(r => r.Kid, StringComparer.Ordinal).ToArray(),
            LatestSigningKid = Kid(trusted[0]),
            LastObservedAt = Now.AddHours(-1),
        };
    }

    public static string Jwks(params AsymmetricAlgorithm[] keys)
        => System.Text.Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create(keys.Select(Key))));

    public static byte[] Body(params AsymmetricAlgorithm[] keys) => BodyWith(Jwks(keys));

    public static byte[] BodyWith(string jwks, string issuer = Issuer, string source = PushProtocol.SourceLive, DateTimeOffset? observedAt = null)
        => new PushRequest
        {
            Issuer = issuer,
            Jwks = TestTokens.Element(jwks),
            ObservedAt = observedAt ?? Now.AddSeconds(-5),
            AgentVersion = "0.1.0-test",
            Source = source,
        }.ToJson();

    public static JsonObject Claims() => TestTokens.Claims(Issuer, Agent, PushProtocol.DefaultAudience, Now.AddSeconds(-10));

    public static string Token(AsymmetricAlgorithm? key = null, Action<JsonObject>? edit = null, string? kid = null)
    {
        var claims = Claims();
        edit?.Invoke(claims);
        return TestTokens.Sign(key ?? KeyA, claims, kid);
    }

    public static async Task<PushDecision> DecideAsync(byte[] body, string? token, IssuerState? state = null, DateTimeOffset? now = null)
    {
        var at = now ?? Now;
        var read = PushReader.Read(body, token, Source, Registry, Options, at);
        return read.Refusal is { } refusal
            ? PushDecision.Refuse(refusal)
            : await PushVerifier.DecideAsync(read.Candidate!, state ?? TrustedState(), Options, at);
    }
}
