using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Rotation;

/// <summary>
/// What the rotation rules' tests apply their events to: issuer prod at one instant, three keys (RSA, P-256, P-384) and a
/// two-day retention window; <c>using static</c> it, a test reads as the events it applies.
/// </summary>
internal static class RotationWorld
{
    public const string Issuer = "https://oidc.example.com/prod";

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static readonly RotationOptions Options = new() { RetentionWindow = TimeSpan.FromDays(2) };

    public static readonly ServiceAccountKey A = Key(TestKeys.Rsa());

    public static readonly ServiceAccountKey B = Key(TestKeys.Ec());

    public static readonly ServiceAccountKey C = Key(TestKeys.Ec("P-384"));

    public static IssuerState New() => IssuerState.New("prod", Issuer);

    /// <summary>Issuer prod with <paramref name="key"/> pushed on first contact and approved by alice.</summary>
    public static IssuerState Enrolled(ServiceAccountKey key, RotationOptions? options = null)
    {
        var state = Apply(New(), Push(null, key), options).State;
        return Apply(state, new ApproveEvent([key.Fingerprint], "alice"), options).State;
    }

    /// <summary>A push of <paramref name="keys"/> observed at <see cref="Now"/>, its token signed by <paramref name="signingKid"/>.</summary>
    public static PushEvent Push(string? signingKid, params ServiceAccountKey[] keys)
        => new() { Keys = keys, SigningKid = signingKid, ObservedAt = Now };

    public static RotationResult Apply(IssuerState state, RotationEvent change, RotationOptions? options = null, DateTimeOffset? at = null)
        => RotationPolicy.Apply(state, change, options ?? Options, at ?? Now);

    public static ServiceAccountKey Key(System.Security.Cryptography.AsymmetricAlgorithm key)
        => ServiceAccountKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), "test", null);
}
