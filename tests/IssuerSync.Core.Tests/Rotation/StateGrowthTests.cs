using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Testing;
using Xunit.Abstractions;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Rotation;

/// <summary>
/// One issuer's state stays small whatever is pushed: a first-contact flood of random keys, thousands
/// of unchanged re-pushes, long rotation histories. Bound: 64 KiB of serialized state.
/// </summary>
public class StateGrowthTests(ITestOutputHelper output)
{
    private const int Bound = 64 * 1024;

    private static readonly RSA[] Signers = [.. Enumerable.Range(0, 4).Select(_ => TestKeys.Rsa())];

    [Fact]
    public async Task FirstContactFlood_LeavesTheStateUnderTheBound_AndTheEnrolmentStillWorks()
    {
        var state = IssuerState.New("prod", Issuer);
        var now = Now;

        // 40 pushes of 99 random RSA moduli: over the per-push cap, refused before anything is recorded.
        for (var i = 0; i < 40; i++)
        {
            var flood = await Push(state, Signers[i % 4], RandomModuli(98, 4096), now);
            Assert.Equal("jwks_too_many_keys", flood.Response.Error);
            Assert.Null(flood.NewState);
        }

        // 40 pushes of as many keys as the caps allow (16, 4096-bit), spread so the hourly limit lets each in.
        var largest = 0;
        for (var i = 0; i < 40; i++)
        {
            now = now.AddMinutes(7);
            var decision = await Push(state, Signers[i % 4], RandomModuli(15, 4096), now);
            Assert.Equal(202, decision.HttpStatus);
            state = decision.NewState!;
            largest = Math.Max(largest, IssuerStateJson.Write(state).Length);
        }

        output.WriteLine($"largest state during the flood: {largest} bytes; keys {state.Keys.Count}, history {state.History.Count} (+{state.CompactedHistoryEntries} compacted)");
        Assert.InRange(largest, 1, Bound);
        Assert.Equal(16, state.Keys.Count);
        Assert.All(state.Keys, k => Assert.Equal(KeyStatus.Pending, k.Status));

        // The real cluster enrols and the operator approves its key by fingerprint.
        var cluster = TestKeys.Ec();
        now = now.AddHours(1);
        var enrol = await Push(state, cluster, [], now);
        Assert.Equal(202, enrol.HttpStatus);
        Assert.Equal([Kid(cluster)], enrol.Response.Pending);
        var approved = RotationPolicy.Apply(enrol.NewState!, new ApproveEvent([Key(cluster).Fingerprint], "alice"), RotationOptions.From(Prod), now);
        Assert.Null(approved.Error);
        Assert.Equal([Kid(cluster)], approved.State.PublishedKids);
        Assert.InRange(IssuerStateJson.Write(approved.State).Length, 1, Bound);

        var trusted = await Push(approved.State, cluster, [], now.AddMinutes(1));
        Assert.Equal(200, trusted.HttpStatus);
        Assert.Equal([Kid(cluster)], trusted.Response.Published);
    }

    [Fact]
    public async Task UnchangedRepushes_KeepTheStateUnderTheBound_AndAddNoHistory()
    {
        var state = TrustedState();
        var now = Now;
        var first = await Push(state, KeyA, [], now);
        state = first.NewState!;
        var history = state.History.Count;
        var largest = 0;

        // 2,000 re-pushes a second apart, each with a fresh 10-minute token: more live tokens than bindings kept.
        for (var i = 1; i <= 2000; i++)
        {
            now = now.AddSeconds(1);
            var decision = await Push(state, KeyA, [], now);
            Assert.Equal(200, decision.HttpStatus);
            Assert.False(decision.Response.Changed);
            state = decision.NewState!;
            largest = Math.Max(largest, IssuerStateJson.Write(state).Length);
        }

        output.WriteLine($"largest state over 2,000 unchanged re-pushes: {largest} bytes; bindings {state.Tokens.Count}, history {state.History.Count}");
        Assert.InRange(largest, 1, Bound);
        Assert.Equal(history, state.History.Count);
        Assert.Equal(now, state.LastAcceptedPushAt);
        Assert.Equal(new RotationOptions().MaxTokenBindings, state.Tokens.Count);
    }

    [Fact]
    public void Push_AddsNoHistoryEntry_WhenNothingButTheBindingAndTimesChange()
    {
        var state = TrustedState();
        var options = RotationOptions.From(Prod);
        var push = new PushEvent { Keys = [Key(KeyA)], SigningKid = Kid(KeyA), ObservedAt = Now, Token = new TokenBinding("aa", "bb", Now.AddMinutes(10)) };
        var first = RotationPolicy.Apply(state, push, options, Now);

        var again = RotationPolicy.Apply(first.State, push with { ObservedAt = Now.AddMinutes(1), Token = new TokenBinding("cc", "bb", Now.AddMinutes(11)) }, options, Now.AddMinutes(1));

        Assert.Empty(again.Added);
        Assert.Equal(first.State.History, again.State.History);
        Assert.Equal(Now.AddMinutes(1), again.State.LastAcceptedPushAt);
        Assert.Equal(Now.AddMinutes(1), again.State.Find(Kid(KeyA))!.LastSeen);
        Assert.Equal(["aa", "cc"], again.State.Tokens.Select(t => t.TokenHash));
    }

    [Fact]
    public void Push_RecordsAHistoryEntry_WhenOnlyTheSigningKidChanges()
    {
        var state = TrustedState(KeyA, KeyB);
        var options = RotationOptions.From(Prod);

        var result = RotationPolicy.Apply(state, new PushEvent { Keys = [Key(KeyA), Key(KeyB)], SigningKid = Kid(KeyB), ObservedAt = Now }, options, Now);

        var entry = Assert.Single(result.Added);
        Assert.Equal(HistoryAction.Pushed, entry.Action);
        Assert.Equal(Kid(KeyB), entry.By.SigningKid);
        Assert.Equal(Kid(KeyB), result.State.LatestSigningKid);
    }

    [Fact]
    public void History_KeepsTheNewestEntries_AndCountsTheForgottenOnes()
    {
        var options = RotationOptions.From(Prod) with { MaxHistoryKids = int.MaxValue };
        var state = TrustedState(KeyA);
        var all = new List<HistoryEntry>(state.History);
        var now = Now;
        for (var i = 0; i < 150; i++)
        {
            now = now.AddMinutes(1);
            var keys = i % 2 == 0 ? new[] { Key(KeyA), Key(KeyB) } : [Key(KeyA)];
            var result = RotationPolicy.Apply(state, new PushEvent { Keys = keys, SigningKid = Kid(KeyA), ObservedAt = now }, options, now);
            Assert.Null(result.Error);

            // Only ever "a suffix of the old history, then the new entries".
            var kept = state.History.Count - (result.State.CompactedHistoryEntries - state.CompactedHistoryEntries);
            Assert.Equal(state.History.Skip(state.History.Count - Math.Max(0, kept)).Concat(result.Added).TakeLast(result.State.History.Count), result.State.History);
            all.AddRange(result.Added);
            state = result.State;
        }

        Assert.Equal(options.MaxHistoryEntries, state.History.Count);
        Assert.Equal(all.Count - options.MaxHistoryEntries, state.CompactedHistoryEntries);
        Assert.Equal(all.TakeLast(options.MaxHistoryEntries), state.History);
    }

    [Fact]
    public void History_IsBoundedByTheKidsItLists_WhenEntriesListManyKids()
    {
        var options = RotationOptions.From(Prod) with { MaxHistoryKids = 40 };
        var state = IssuerState.New("prod", Issuer);
        for (var i = 0; i < 10; i++)
        {
            var keys = RandomModuli(16, 2048);
            state = RotationPolicy.Apply(state, new PushEvent { Keys = keys, ObservedAt = Now }, options, Now.AddMinutes(i * 10)).State;
        }

        Assert.InRange(state.History.Sum(h => h.Kids.Count), 1, 40);
        Assert.Equal(HistoryAction.Dropped, state.History[^1].Action);
        Assert.True(state.CompactedHistoryEntries > 0);
    }

    [Fact]
    public void DroppedRecords_AreForgottenOldestFirst_ButRevokedRecordsAreKept()
    {
        var options = RotationOptions.From(Prod);
        var state = TrustedState(KeyA);
        var now = Now;
        var extra = RandomModuli(20, 2048);
        foreach (var key in extra)
        {
            now = now.AddMinutes(1);
            state = RotationPolicy.Apply(state, new PushEvent { Keys = [Key(KeyA), key], SigningKid = Kid(KeyA), ObservedAt = now }, options, now).State;
            state = RotationPolicy.Apply(state, new PushEvent { Keys = [Key(KeyA)], SigningKid = Kid(KeyA), ObservedAt = now }, options, now).State;
            now += options.RetentionWindow;
            state = RotationPolicy.Apply(state, TimePassedEvent.Instance, options, now).State;
        }

        var dropped = state.Keys.Where(k => k.Status == KeyStatus.Dropped).Select(k => k.Kid).Order(StringComparer.Ordinal);
        Assert.Equal(extra.TakeLast(options.MaxDroppedRecords).Select(k => k.Kid).Order(StringComparer.Ordinal), dropped);

        var revoked = RandomModuli(20, 2048);
        foreach (var key in revoked)
        {
            now = now.AddMinutes(1);
            state = RotationPolicy.Apply(state, new PushEvent { Keys = [Key(KeyA), key], SigningKid = Kid(KeyA), ObservedAt = now }, options, now).State;
            state = RotationPolicy.Apply(state, new RevokeEvent(key.Kid, "bob"), options, now).State;
        }

        Assert.Equal(20, state.Keys.Count(k => k.Status == KeyStatus.Revoked));

        // However many records were forgotten, a revoked kid is never published again.
        state = RotationPolicy.Apply(state, new PushEvent { Keys = [Key(KeyA), .. revoked], SigningKid = Kid(KeyA), ObservedAt = now }, options, now).State;
        Assert.Equal([Kid(KeyA)], state.PublishedKids);
    }

    [Fact]
    public async Task TokenBindings_ForgottenEarly_StillRefuseTheirTokensWithAnotherBody()
    {
        var state = TrustedState();
        var now = Now;
        var tokens = new List<string>();
        var kept = new RotationOptions().MaxTokenBindings;
        for (var i = 0; i < kept + 8; i++)
        {
            now = now.AddSeconds(1);
            var token = TokenAt(KeyA, now);
            var decision = await DecideAsync(BodyAt(now, KeyA), token, state, now);
            Assert.Equal(200, decision.HttpStatus);
            tokens.Add(token);
            state = decision.NewState!;
        }

        Assert.Equal(kept, state.Tokens.Count);
        Assert.NotNull(state.ForgottenTokensExpireBy);

        var replay = await DecideAsync(BodyAt(now, KeyA, KeyB), tokens[0], state, now);
        Assert.Equal("token_replayed", replay.Response.Error);
        Assert.StartsWith("this token expires by ", replay.Response.Message, StringComparison.Ordinal);
        Assert.Null(replay.NewState);

        // A fresh token is not caught by it, and once the forgotten tokens have expired the mark is cleared.
        var fresh = await DecideAsync(BodyAt(now.AddSeconds(1), KeyA), TokenAt(KeyA, now.AddSeconds(1)), state, now.AddSeconds(1));
        Assert.Equal(200, fresh.HttpStatus);
        var mark = fresh.NewState!.ForgottenTokensExpireBy!.Value;
        Assert.Equal(mark, RotationPolicy.Apply(fresh.NewState, TimePassedEvent.Instance, new RotationOptions(), mark.AddSeconds(-1)).State.ForgottenTokensExpireBy);
        var later = RotationPolicy.Apply(fresh.NewState, TimePassedEvent.Instance, new RotationOptions(), mark);
        Assert.Null(later.State.ForgottenTokensExpireBy);
    }

    [Fact]
    public async Task FirstContact_IsRefusedWith429_BeyondTheHourlyLimit()
    {
        var state = IssuerState.New("prod", Issuer);
        for (var i = 0; i < 10; i++)
        {
            var decision = await Push(state, Signers[i % 4], [], Now.AddMinutes(i));
            Assert.Equal(202, decision.HttpStatus);
            state = decision.NewState!;
        }

        var eleventh = await Push(state, Signers[0], [], Now.AddMinutes(59));

        Assert.Equal(429, eleventh.HttpStatus);
        Assert.Equal("enrolment_rate_limited", eleventh.Response.Error);
        Assert.Equal(
            $"issuer {Issuer} has had 10 first-contact pushes since {Now:O}; at most 10 an hour are accepted while it enrols: retry after {Now.AddHours(1):O}, and approve the pending key by fingerprint (if these pushes are not your agent's, someone else knows the issuer and agent subject)",
            eleventh.Response.Message);
        Assert.Null(eleventh.NewState);

        var nextHour = await Push(state, Signers[0], [], Now.AddHours(1));
        Assert.Equal(202, nextHour.HttpStatus);
        Assert.Equal(new FirstContactWindow(Now.AddHours(1), 1), nextHour.NewState!.FirstContacts);
    }

    [Fact]
    public void FirstContactCounter_IsClearedOnceAKeyIsApproved()
    {
        var options = RotationOptions.From(Prod);
        var state = RotationPolicy.Apply(IssuerState.New("prod", Issuer), new PushEvent { Keys = [Key(KeyA)], ObservedAt = Now }, options, Now).State;
        Assert.Equal(new FirstContactWindow(Now, 1), state.FirstContacts);

        state = RotationPolicy.Apply(state, new ApproveEvent([Key(KeyA).Fingerprint], "alice"), options, Now).State;

        Assert.Null(state.FirstContacts);
    }

    [Theory]
    [InlineData(16, null)]
    [InlineData(17, "jwks_too_many_keys")]
    public async Task PushReader_CapsTheKeysOfOnePush(int count, string? code)
    {
        var keys = RandomModuli(count - 1, 2048);

        var decision = await Push(TrustedState(), KeyA, keys, Now);

        Assert.Equal(code, decision.Response.Error);
        if (code is not null)
        {
            Assert.Equal($"the pushed JWKS has {count} keys; at most 16 are accepted in one push (a cluster serves its few --service-account-key-file keys): push the JWKS the API server serves, unchanged", decision.Response.Message);
        }
    }

    [Theory]
    [InlineData(4096, null)]
    [InlineData(4104, "jwks_invalid")]
    [InlineData(8192, "jwks_invalid")]
    [InlineData(16384, "jwks_invalid")]
    public async Task PushReader_RefusesRsaModuliAbove4096Bits(int bits, string? code)
    {
        // Built by hand: the product cannot build a key above the bound.
        var n = RandomModulus(bits);
        var jwks = JsonNode.Parse(Jwks(KeyA))!;
        jwks["keys"]!.AsArray().Add(new JsonObject
        {
            ["use"] = "sig", ["kty"] = "RSA", ["alg"] = "RS256", ["n"] = System.Buffers.Text.Base64Url.EncodeToString(n), ["e"] = "AQAB",
            ["kid"] = KubernetesKeyId.FromSubjectPublicKeyInfo(RsaSpki(n)),
        });

        var decision = await PushJwks(TrustedState(), KeyA, jwks.ToJsonString(), Now);

        Assert.Equal(code, decision.Response.Error);
        if (code is not null)
        {
            Assert.Contains($"RSA key is {bits} bits; at most 4096 are accepted (the largest size the clouds document, see docs/trust-and-rotation.md): generate a 2048-, 3072- or 4096-bit key ('openssl genrsa 4096')", decision.Response.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Random odd moduli with the top bit set: valid-looking public keys, no key generation needed.</summary>
    internal static ServiceAccountKey[] RandomModuli(int count, int bits)
        => [.. Enumerable.Range(0, count).Select(_ => ServiceAccountKey.FromRsa(RandomModulus(bits), [1, 0, 1], "random", null))];

    private static byte[] RandomModulus(int bits)
    {
        var n = RandomNumberGenerator.GetBytes((bits + 7) / 8);
        n[0] |= (byte)(1 << ((bits - 1) % 8));
        n[0] &= (byte)((1 << (((bits - 1) % 8) + 1)) - 1);
        n[^1] |= 1;
        return n;
    }

    private static byte[] RsaSpki(byte[] n)
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = n, Exponent = [1, 0, 1] });
        return rsa.ExportSubjectPublicKeyInfo();
    }

    private static string TokenAt(AsymmetricAlgorithm key, DateTimeOffset now)
        => TestTokens.Sign(key, TestTokens.Claims(Issuer, Agent, PushProtocol.DefaultAudience, now.AddSeconds(-10)));

    private static byte[] BodyAt(DateTimeOffset now, params AsymmetricAlgorithm[] keys) => BodyWith(Jwks(keys), observedAt: now.AddSeconds(-5));

    /// <summary>A push of <paramref name="signer"/>'s key plus <paramref name="others"/>, signed by <paramref name="signer"/> at <paramref name="now"/>.</summary>
    private static Task<PushDecision> Push(IssuerState state, AsymmetricAlgorithm signer, IReadOnlyList<ServiceAccountKey> others, DateTimeOffset now)
        => PushJwks(state, signer, Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create([Key(signer), .. others]))), now);

    private static Task<PushDecision> PushJwks(IssuerState state, AsymmetricAlgorithm signer, string jwks, DateTimeOffset now)
        => DecideAsync(BodyWith(jwks, observedAt: now.AddSeconds(-5)), TokenAt(signer, now), state, now);
}
