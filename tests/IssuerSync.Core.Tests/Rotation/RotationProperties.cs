using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Core.Tests.Rotation;

/// <summary>
/// Random sequences of pushes, approvals, revocations (with and without confirmation) and time
/// passing: the invariants hold after every step.
/// </summary>
public class RotationProperties
{
    private static readonly ServiceAccountKey[] Pool = Enumerable.Range(0, 5)
        .Select(i => (System.Security.Cryptography.AsymmetricAlgorithm)(i == 0 ? Testing.TestKeys.Rsa() : Testing.TestKeys.Ec()))
        .Select(a => ServiceAccountKey.FromSubjectPublicKeyInfo(a.ExportSubjectPublicKeyInfo(), "pool", null))
        .ToArray();

    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 300)]
    public Property PublishedSet_KeepsItsInvariants_ForAnySequenceOfEvents(int seed, PositiveInt length, bool highAssurance)
    {
        var options = new RotationOptions { RetentionWindow = TimeSpan.FromHours(6), RequireApprovalForNewKeys = highAssurance };
        var state = IssuerState.New("prod", "https://oidc.example.com/prod");
        var now = Start;
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        var everPublished = false;
        foreach (var step in Steps(seed, length.Get))
        {
            now += TimeSpan.FromMinutes((step >>> 8) % 240);
            state = RotationPolicy.Apply(state, TimePassedEvent.Instance, options, now).State;
            var change = Interpret(step, state);
            var result = RotationPolicy.Apply(state, change, options, now);
            var before = state;
            state = result.State;
            if (!result.Refused && change is RevokeEvent revoke)
            {
                revoked.Add(revoke.Kid);
            }

            var published = state.PublishedKids;
            everPublished |= published.Count > 0;
            var signerSurvives = state.LatestSigningKid is null || published.Contains(state.LatestSigningKid);
            var signerKept = before.LatestSigningKid is null
                || state.LatestSigningKid is not null
                || (change is RevokeEvent { ConfirmSigningKey: true } r && r.Kid == before.LatestSigningKid);
            // Compaction forgets the oldest entries only: what is kept of the old history comes first, unchanged.
            var forgotten = state.CompactedHistoryEntries - before.CompactedHistoryEntries;
            var historyAppended = forgotten >= 0
                && state.History.Take(before.History.Count - forgotten).SequenceEqual(before.History.Skip(forgotten));
            var ok = (!everPublished || published.Count > 0)
                && !published.Any(revoked.Contains)
                && signerSurvives
                && signerKept
                && historyAppended
                && (PublishedKeys.Of(state)?.Keys.Select(k => k.Kid).SequenceEqual(published) ?? published.Count == 0);
            if (!ok)
            {
                return false.Label($"after {change} at {now:O}: published [{string.Join(",", published)}], revoked [{string.Join(",", revoked)}], signer {state.LatestSigningKid}");
            }
        }

        return true.ToProperty().Classify(everPublished, "published").Classify(state.Keys.Any(k => k.Status == KeyStatus.Retained), "retained").Classify(revoked.Count > 0, "revoked");
    }

    [Property(MaxTest = 100)]
    public Property StateDocument_RoundTripsToTheSameBytes_ForAnySequenceOfEvents(int seed, PositiveInt length)
    {
        var state = IssuerState.New("prod", "https://oidc.example.com/prod");
        var now = Start;
        foreach (var step in Steps(seed, length.Get))
        {
            now += TimeSpan.FromMinutes((step >>> 8) % 240);
            var options = new RotationOptions { RetentionWindow = TimeSpan.FromHours(6) };
            state = RotationPolicy.Apply(state, TimePassedEvent.Instance, options, now).State;
            state = RotationPolicy.Apply(state, Interpret(step, state), options, now).State;
        }

        var bytes = IssuerStateJson.Write(state);
        var again = IssuerStateJson.Write(IssuerStateJson.Read(bytes, "test"));
        var documents = PublishedKeys.Documents(state);
        var documentsAgain = PublishedKeys.Documents(IssuerStateJson.Read(bytes, "test"));
        return (bytes.AsSpan().SequenceEqual(again)
            && (documents is null) == (documentsAgain is null)
            && (documents is null || documents.Jwks.AsSpan().SequenceEqual(documentsAgain!.Jwks))).ToProperty();
    }

    /// <summary>1 to 80 random steps drawn from the seed FsCheck chose (so every kind of event and time step occurs).</summary>
    internal static IEnumerable<int> Steps(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 1 + (length % 80)).Select(_ => random.Next()).ToArray();
    }

    /// <summary>Turns a number into a valid event for the state: pushes are signed by a published key (or are first contact).</summary>
    internal static RotationEvent Interpret(int step, IssuerState state)
    {
        var n = step & 0xff;
        var key = Pool[(n >> 2) % Pool.Length];
        switch (n % 7)
        {
            case 0 or 1 or 2:
            {
                var keys = Pool.Where((_, i) => ((n >> 2) & (1 << i)) != 0 || i == (n >> 5) % Pool.Length).ToArray();
                var published = state.PublishedKids;
                string? signer = published.Count == 0 ? null : published[(n >> 3) % published.Count];
                if (signer is null && !keys.Any())
                {
                    keys = [key];
                }

                return new PushEvent { Keys = keys, SigningKid = signer, ObservedAt = Start, Subject = "system:serviceaccount:issuersync:agent" };
            }

            case 3:
            {
                // Mostly approve a key that is pending (as an operator would), sometimes a wrong one.
                var pending = state.Keys.Where(k => k.Status == KeyStatus.Pending).ToList();
                return new ApproveEvent([pending.Count > 0 && (n & 0x40) == 0 ? pending[(n >> 3) % pending.Count].Fingerprint : key.Fingerprint], "alice");
            }
            case 4:
                return new RevokeEvent(key.Kid, "bob");
            case 5:
                return new RevokeEvent(key.Kid, "bob", ConfirmSigningKey: (n & 0x80) != 0);
            default:
                return TimePassedEvent.Instance;
        }
    }
}
