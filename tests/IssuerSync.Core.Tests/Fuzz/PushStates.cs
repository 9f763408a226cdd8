using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Tests.Trust;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// The registry the fuzzed publisher knows (PushWorld's prod and other, plus a high-assurance
/// "strict" issuer) and the states a push may meet: enrolling, pending, trusted with one or two keys,
/// a retained key about to expire, a revoked signer, a later observedAt already accepted.
/// </summary>
internal static class PushStates
{
    public const string StrictIssuer = "https://oidc.example.com/strict";

    /// <summary>A P-521 key no issuer trusts yet: what a cluster enrols or rotates to.</summary>
    public static readonly ECDsa KeyD = Testing.TestKeys.Ec("P-521");

    public static readonly IssuerRegistry Registry = RegistrationValidator.Load(
    [
        PushWorld.Prod,
        PushWorld.Prod with { Id = "other", Issuer = PushWorld.OtherIssuer, Target = "dir:/srv/oidc/other" },
        PushWorld.Prod with { Id = "strict", Issuer = StrictIssuer, Target = "dir:/srv/oidc/strict", RequireApprovalForNewKeys = true },
    ]);

    public static Gen<(string Name, IssuerState State)> For(IssuerRegistration registration)
    {
        var now = PushWorld.Now;
        var empty = IssuerState.New(registration.Id, registration.Issuer);
        var trusted = PushWorld.TrustedState() with { IssuerId = registration.Id, Issuer = registration.Issuer };
        var both = PushWorld.TrustedState(PushWorld.KeyA, PushWorld.KeyB) with { IssuerId = registration.Id, Issuer = registration.Issuer };
        return Gen.Elements<(string, IssuerState)>(
            ("enrolling, nothing known", empty),
            ("enrolling, D pending", empty with { Keys = [Record(KeyD, KeyStatus.Pending, now.AddHours(-1))] }),
            ("A active", trusted),
            ("A and B active", both),
            ("A active, B pending", trusted with { Keys = Sorted(trusted.Keys.Append(Record(PushWorld.KeyB, KeyStatus.Pending, now.AddHours(-1)))) }),
            ("B active, A retained for 5 more minutes", both with
            {
                Keys = Sorted([Record(PushWorld.KeyB, KeyStatus.Active, now.AddDays(-1)), Record(PushWorld.KeyA, KeyStatus.Retained, now.AddDays(-2)) with { RetainUntil = now.AddMinutes(5) }]),
                LatestSigningKid = PushWorld.Kid(PushWorld.KeyB),
            }),
            ("B active, A revoked", both with
            {
                Keys = Sorted([Record(PushWorld.KeyB, KeyStatus.Active, now.AddDays(-1)), Record(PushWorld.KeyA, KeyStatus.Revoked, now.AddDays(-2))]),
                LatestSigningKid = PushWorld.Kid(PushWorld.KeyB),
            }),
            ("A active, a push observed an hour from now already accepted", trusted with { LastObservedAt = now.AddHours(1) }));
    }

    private static KeyRecord Record(AsymmetricAlgorithm key, KeyStatus status, DateTimeOffset at) => KeyRecord.Create(PushWorld.Key(key), status, at);

    private static KeyRecord[] Sorted(IEnumerable<KeyRecord> records) => records.OrderBy(r => r.Kid, StringComparer.Ordinal).ToArray();
}
