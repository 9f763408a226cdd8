using IssuerSync.Core.Rotation;

namespace IssuerSync.Core.Tests.Rotation;

// Here, not with the usings above: there the name Push would find the namespace IssuerSync.Core.Push first.
using static RotationWorld;

/// <summary>The rotation rules one by one: pending keys and trusted pushes, anti-rollback, the never-empty guard, approvals, guards and the exact history.</summary>
public class RotationWorkTests
{
    private static readonly RotationOptions HighAssurance = Options with { RequireApprovalForNewKeys = true };

    [Fact]
    public void Push_ActivatesAPendingKeyItLists_OutsideHighAssuranceMode()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B), HighAssurance).State;
        Assert.Equal([B.Kid], state.PendingKids);

        var result = Apply(state, Push(A.Kid, A, B) with { ObservedAt = Now.AddMinutes(1) }, Options, Now.AddMinutes(1));

        Assert.Equal(KeyStatus.Active, result.State.Find(B.Kid)!.Status);
        Assert.Equal(Now.AddMinutes(1), result.State.Find(B.Kid)!.ChangedAt);
        Assert.Empty(result.State.PendingKids);
        Assert.Equal(
            [$"pushed [{string.Join(",", Sorted(A.Kid, B.Kid))}]", $"activated [{B.Kid}]"],
            result.Added.Select(Describe));
    }

    [Fact]
    public void Push_KeepsAPendingKeyPending_InHighAssuranceMode()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B), HighAssurance).State;

        var result = Apply(state, Push(A.Kid, A, B), HighAssurance, Now.AddMinutes(1));

        Assert.Equal([B.Kid], result.State.PendingKids);
        Assert.Empty(result.Added);
    }

    [Fact]
    public void Push_KeepsFirstContactKeysPending_WhenListedAgain()
    {
        var state = Apply(IssuerState.New("prod", "https://oidc.example.com/prod"), Push(null, A, B), Options).State;

        var result = Apply(state, Push(null, A, B), Options, Now.AddMinutes(1));

        Assert.Equal(Sorted(A.Kid, B.Kid), result.State.PendingKids);
        Assert.Empty(result.State.PublishedKids);
    }

    [Fact]
    public void Push_AdvancesLastObservedAt_AndNeverMovesItBack()
    {
        var state = Enrolled(A);

        var later = Apply(state, Push(A.Kid, A) with { ObservedAt = Now.AddMinutes(5) }, Options).State;
        var older = Apply(later, Push(A.Kid, A) with { ObservedAt = Now.AddMinutes(1) }, Options).State;

        Assert.Equal(Now.AddMinutes(5), later.LastObservedAt);
        Assert.Equal(Now.AddMinutes(5), older.LastObservedAt);
    }

    [Fact]
    public async Task DecideAsync_RefusesAPushObservedBeforeTheLatest_ButAcceptsTheSameInstant()
    {
        var state = Trust.PushWorld.TrustedState();
        var at = Trust.PushWorld.Now.AddSeconds(-5);
        var first = await Trust.PushWorld.DecideAsync(Trust.PushWorld.BodyWith(Trust.PushWorld.Jwks(Trust.PushWorld.KeyA), observedAt: at), Trust.PushWorld.Token(), state);
        Assert.Equal(at, first.NewState!.LastObservedAt);

        var same = await Trust.PushWorld.DecideAsync(Trust.PushWorld.BodyWith(Trust.PushWorld.Jwks(Trust.PushWorld.KeyA), observedAt: at), Trust.PushWorld.Token(), first.NewState);
        var earlier = await Trust.PushWorld.DecideAsync(Trust.PushWorld.BodyWith(Trust.PushWorld.Jwks(Trust.PushWorld.KeyA), observedAt: at.AddSeconds(-1)), Trust.PushWorld.Token(), first.NewState);

        Assert.Equal(200, same.HttpStatus);
        Assert.Equal("push_out_of_order", earlier.Response.Error);
        Assert.Equal($"the push was observed at {at.AddSeconds(-1):O}, before the latest accepted push ({at:O}): a stale key set is not applied; push the cluster's current keys", earlier.Response.Message);
    }

    [Fact]
    public void TimePassed_NeverEmptiesThePublishedSet_WhenTheSignerWasRevokedAndTheRetainedKeysExpire()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B), Options).State;
        state = Apply(state, Push(A.Kid, A), Options).State;
        Assert.Equal(KeyStatus.Retained, state.Find(B.Kid)!.Status);
        state = Apply(state, new RevokeEvent(A.Kid, "bob", ConfirmSigningKey: true), Options).State;
        Assert.Null(state.LatestSigningKid);

        var later = Apply(state, TimePassedEvent.Instance, Options, Now + (Options.RetentionWindow * 10));

        Assert.Equal([B.Kid], later.State.PublishedKids);
        Assert.Equal(KeyStatus.Retained, later.State.Find(B.Kid)!.Status);
        Assert.Empty(later.Added);
    }

    [Fact]
    public void TimePassed_DropsOnlyTheExpiredRetainedKeys_WhenOthersStayPublished()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B, C), Options).State;
        state = Apply(state, Push(A.Kid, A, C), Options).State;
        state = Apply(state, Push(A.Kid, A), Options, Now.AddDays(1)).State;

        var result = Apply(state, TimePassedEvent.Instance, Options, Now + Options.RetentionWindow);

        Assert.Equal(KeyStatus.Dropped, result.State.Find(B.Kid)!.Status);
        Assert.Equal(KeyStatus.Retained, result.State.Find(C.Kid)!.Status);
        Assert.Equal([$"dropped [{B.Kid}] by policy: retention window ended"], result.Added.Select(e => $"{Describe(e)} by {e.By.Kind}: {e.Detail}"));
    }

    [Fact]
    public void Approve_ActivatesOnlyTheNamedKey_OfSeveralPending()
    {
        var state = Apply(IssuerState.New("prod", "https://oidc.example.com/prod"), Push(null, A, B, C), Options).State;

        var result = Apply(state, new ApproveEvent([B.Fingerprint], "alice"), Options);

        Assert.Equal([B.Kid], result.State.PublishedKids);
        Assert.Equal(Sorted(A.Kid, C.Kid), result.State.PendingKids);
        var entry = Assert.Single(result.Added);
        Assert.Equal($"approved [{B.Kid}]", Describe(entry));
        Assert.Equal(HistoryActor.ForOperator("alice"), entry.By);
    }

    [Fact]
    public void Approve_AcceptsFingerprintsWithColonsAndCase()
    {
        var state = Apply(IssuerState.New("prod", "https://oidc.example.com/prod"), Push(null, A, B), Options).State;
        var colons = string.Join(':', Enumerable.Range(0, 32).Select(i => A.Fingerprint.Substring(i * 2, 2).ToUpperInvariant()));

        var result = Apply(state, new ApproveEvent([colons], "alice"), Options);

        Assert.Equal([A.Kid], result.State.PublishedKids);
    }

    [Fact]
    public void Approve_RefusesAnEmptyListOfFingerprints()
    {
        var state = Apply(IssuerState.New("prod", "https://oidc.example.com/prod"), Push(null, A), Options).State;

        var result = Apply(state, new ApproveEvent([], "alice"), Options);

        Assert.Equal(RotationErrorCodes.UnknownFingerprint, result.Error!.Code);
        Assert.Same(state, result.State);
    }

    public static TheoryData<string, string> Guards => new()
    {
        { "trusted push without a signing kid", "a push for an issuer with published keys must name the trusted kid that signed it" },
        { "first contact with a signing kid", "a push for an issuer with no published key must be a first-contact push (no signing kid)" },
        // "{C}" stands for C's kid, which is random per run: test data must be the same in every process (Stryker discovers and runs tests in different ones).
        { "signing kid not published", "the signing kid {C} is not a published key of the issuer" },
        { "signing kid unknown", "the signing kid nope is not a published key of the issuer" },
    };

    [Theory]
    [MemberData(nameof(Guards))]
    public void Push_Throws_WhenTheCallerBreaksTheSigningKidContract(string name, string message)
    {
        var (state, push) = name switch
        {
            "trusted push without a signing kid" => (Enrolled(A), Push(null, A)),
            "first contact with a signing kid" => (IssuerState.New("prod", "https://oidc.example.com/prod"), Push(A.Kid, A)),
            "signing kid not published" => (Apply(Enrolled(A), Push(A.Kid, A, C), HighAssurance).State, Push(C.Kid, A, C)),
            _ => (Enrolled(A), Push("nope", A)),
        };

        var error = Assert.Throws<InvalidOperationException>(() => RotationPolicy.Apply(state, push, Options, Now));

        Assert.Equal(message.Replace("{C}", C.Kid, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Push_RecordsExactlyWhatChanged_InTheHistory()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B), Options).State;
        var push = Push(A.Kid, A, C) with { Subject = "system:serviceaccount:issuersync:agent", SourceAddress = "10.0.0.9" };

        var result = Apply(state, push, Options, Now.AddMinutes(3));

        var actor = HistoryActor.ForPush(A.Kid, "system:serviceaccount:issuersync:agent", "10.0.0.9");
        Assert.Equal(
            [
                $"{Now.AddMinutes(3):O} pushed [{string.Join(",", Sorted(A.Kid, C.Kid))}] {actor} ",
                $"{Now.AddMinutes(3):O} activated [{C.Kid}] {actor} ",
                $"{Now.AddMinutes(3):O} retained [{B.Kid}] {actor} until {Now.AddMinutes(3) + Options.RetentionWindow:yyyy-MM-ddTHH:mm:ssZ}",
            ],
            result.Added.Select(e => $"{e.At:O} {Describe(e)} {e.By} {e.Detail}"));
        Assert.Equal(result.Added, result.State.History.TakeLast(3));
        Assert.Equal(Now.AddMinutes(3) + Options.RetentionWindow, result.State.Find(B.Kid)!.RetainUntil);
    }

    [Fact]
    public void Push_ReplacesTheBindingOfTheSameToken_AndKeepsTheOthers()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A) with { Token = new TokenBinding("t1", "b1", Now.AddMinutes(10)) }, Options).State;
        state = Apply(state, Push(A.Kid, A) with { Token = new TokenBinding("t2", "b2", Now.AddMinutes(10)) }, Options).State;

        var result = Apply(state, Push(A.Kid, A) with { Token = new TokenBinding("t1", "b3", Now.AddMinutes(11)) }, Options);

        Assert.Equal([new TokenBinding("t1", "b3", Now.AddMinutes(11)), new TokenBinding("t2", "b2", Now.AddMinutes(10))], result.State.Tokens);
    }

    private static string Describe(HistoryEntry entry) => $"{entry.Action} [{string.Join(",", entry.Kids)}]";

    private static string[] Sorted(params string[] kids) => [.. kids.Order(StringComparer.Ordinal)];
}
