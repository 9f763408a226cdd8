using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.State;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.State;

/// <summary>
/// Concurrent writers through the state store are linearizable: whatever the interleaving, every
/// accepted change is in the history exactly once, and the stored state is byte for byte the state
/// the same changes give applied one after another in that order.
/// </summary>
public class ConcurrencyProperties
{
    private static readonly ServiceAccountKey[] Pool = Enumerable.Range(0, 4).Select(_ => StateWorld.Key(TestKeys.Ec())).ToArray();
    private static readonly ServiceAccountKey Anchor = StateWorld.Key(StateWorld.Signer);
    private static readonly Core.Registration.IssuerRegistration HighAssurance = StateWorld.Prod with { RequireApprovalForNewKeys = true };
    private static readonly RotationOptions Options = RotationOptions.From(HighAssurance);

    [Property(MaxTest = 12)]
    public Property ConcurrentChanges_EqualTheSerialChanges_InCommitOrder(NonEmptyArray<byte> picks)
    {
        using var folder = new TempDirectory();
        var store = new DirectoryStateStore(folder.Path);
        var initial = RotationPolicy.Apply(StateWorld.Trusted(), Event(0, -1), Options, StateWorld.Now).State;
        store.TryWriteAsync("prod", initial, null).GetAwaiter().GetResult();
        var operations = new IssuerStateOperations(store, new FakeTimeProvider(StateWorld.Now));
        var events = picks.Get.Take(24).Select((p, i) => Event(p, i)).ToArray();

        var results = Task.WhenAll(events.Select(e => Task.Run(() => operations.ApplyAsync(HighAssurance, e)))).GetAwaiter().GetResult();

        var stored = store.ReadAsync("prod").GetAwaiter().GetResult()!.State;
        var committed = stored.History.Skip(initial.History.Count).Select(h => h.By.Source ?? h.By.Operator!).Distinct().ToList();
        var serial = committed.Aggregate(initial, (state, actor) =>
            RotationPolicy.Apply(state, events[int.Parse(actor.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture)], Options, StateWorld.Now).State);
        var accepted = results.Count(r => !r.Refused && r.Added.Count > 0);
        return (accepted == committed.Count
            && IssuerStateJson.Write(serial).AsSpan().SequenceEqual(IssuerStateJson.Write(stored))).Label(
                $"accepted {accepted}, committed {committed.Count}: {string.Join(",", committed)}\nSERIAL {System.Text.Encoding.UTF8.GetString(IssuerStateJson.Write(serial))}\nSTORED {System.Text.Encoding.UTF8.GetString(IssuerStateJson.Write(stored))}");
    }

    /// <summary>Each event names its writer ("#i") so the history shows the commit order. Pushes are always signed by the anchor, which every push lists.</summary>
    private static RotationEvent Event(byte pick, int i)
    {
        var key = Pool[pick % Pool.Length];
        return ((pick >> 2) % 3) switch
        {
            0 => new PushEvent
            {
                Keys = [Anchor, .. Pool.Where((_, k) => ((pick >> 4) & (1 << k)) != 0)],
                SigningKid = Anchor.Kid,
                SourceAddress = $"writer#{i}",
                ObservedAt = StateWorld.Now,
            },
            1 => (RotationEvent)new ApproveEvent([key.Fingerprint], $"writer#{i}"),
            _ => new RevokeEvent(key.Kid, $"writer#{i}"),
        };
    }
}
