using IssuerSync.Core.Rotation;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Rotation;

// Here, not with the usings above: there the name Push would find the namespace IssuerSync.Core.Push first.
using static RotationWorld;

/// <summary>
/// The operator-facing refusals of the rotation rules word for word, the history details of pushes
/// and revocations, the argument guards, and the order the state stores its bindings in.
/// </summary>
public class RotationMessageTests
{
    [Fact]
    public void Approve_SaysThereIsNothingToApprove_WhenNoKeyIsPending()
    {
        var result = Apply(Enrolled(A), new ApproveEvent([A.Fingerprint], "alice"));

        Assert.Equal(new RotationError(RotationErrorCodes.NothingToApprove, $"issuer {Issuer} has no pending key: nothing to approve (see its status for the published keys)"), result.Error);
        Assert.Empty(result.Added);
    }

    [Fact]
    public void Approve_ListsEveryPendingKeyWithItsFingerprint_WhenTheFingerprintMatchesNone()
    {
        var state = Apply(New(), Push(null, A, B, C)).State;

        var result = Apply(state, new ApproveEvent([B.Fingerprint, "AB:CD"], "alice"));

        var listing = string.Join(", ", new[] { A, B, C }.OrderBy(k => k.Kid, StringComparer.Ordinal).Select(k => $"{k.Kid} (sha256 {k.Fingerprint})"));
        Assert.Equal(
            new RotationError(RotationErrorCodes.UnknownFingerprint, $"fingerprint 'abcd' matches no pending key of issuer {Issuer}: compare with 'openssl pkey -pubin -outform DER | sha256sum' on the cluster's key and approve one of: {listing}"),
            result.Error);
        Assert.Same(state, result.State);
    }

    [Fact]
    public void Approve_ListsEveryUnknownFingerprint()
    {
        var state = Apply(New(), Push(null, A)).State;

        var result = Apply(state, new ApproveEvent(["ab", "cd"], "alice"));

        Assert.StartsWith($"fingerprint 'ab, cd' matches no pending key of issuer {Issuer}: ", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_NamesEveryIgnoredRevokedKid()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B, C)).State;
        state = Apply(Apply(state, new RevokeEvent(B.Kid, "bob")).State, new RevokeEvent(C.Kid, "bob")).State;

        var result = Apply(state, Push(A.Kid, A, B, C, Key(TestKeys.Ec("P-521"))));

        var ignored = string.Join(", ", new[] { B.Kid, C.Kid }.Order(StringComparer.Ordinal));
        Assert.Equal($"revoked kids ignored: {ignored}", Assert.Single(result.Added, e => e.Action == HistoryAction.Pushed).Detail);
    }

    [Fact]
    public void Approve_ActivatesEveryNamedKey_AndListsThemInKidOrder()
    {
        var state = Apply(New(), Push(null, A, B, C)).State;
        var named = new[] { A, B, C }.OrderByDescending(k => k.Kid, StringComparer.Ordinal).Take(2).ToArray();

        var result = Apply(state, new ApproveEvent(named.Select(k => k.Fingerprint).ToArray(), "alice"));

        var entry = Assert.Single(result.Added);
        Assert.Equal(HistoryAction.Approved, entry.Action);
        Assert.Equal(named.Select(k => k.Kid).Order(StringComparer.Ordinal), entry.Kids);
        Assert.Equal(named.Select(k => k.Kid).Order(StringComparer.Ordinal), result.State.PublishedKids);
        Assert.Null(entry.Detail);
    }

    [Fact]
    public void Revoke_ListsTheIssuersKidsInOrder_WhenTheKidIsUnknown()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B, C)).State;

        var result = Apply(state, new RevokeEvent("nope", "bob"));

        var kids = string.Join(", ", new[] { A.Kid, B.Kid, C.Kid }.Order(StringComparer.Ordinal));
        Assert.Equal(new RotationError(RotationErrorCodes.UnknownKid, $"kid 'nope' is not a key of issuer {Issuer}: use one of {kids}"), result.Error);
    }

    [Fact]
    public void Revoke_SaysNothingToDo_WhenTheKidIsAlreadyRevoked()
    {
        var state = Apply(Apply(Enrolled(A), Push(A.Kid, A, B)).State, new RevokeEvent(B.Kid, "bob")).State;

        var result = Apply(state, new RevokeEvent(B.Kid, "bob"));

        Assert.Equal(new RotationError(RotationErrorCodes.AlreadyRevoked, $"kid '{B.Kid}' of issuer {Issuer} is already revoked: nothing to do"), result.Error);
    }

    [Fact]
    public void Revoke_ExplainsTheConfirmation_AndTheEmptySet()
    {
        var two = Apply(Enrolled(A), Push(A.Kid, A, B)).State;

        var unconfirmed = Apply(two, new RevokeEvent(A.Kid, "bob"));
        var only = Apply(Enrolled(A), new RevokeEvent(A.Kid, "bob", ConfirmSigningKey: true));

        Assert.Equal(new RotationError(RotationErrorCodes.SigningKeyNeedsConfirmation, $"kid '{A.Kid}' signed the latest accepted push of issuer {Issuer}: revoking it refuses the agent's next pushes until the cluster signs with another trusted key; confirm explicitly to revoke it anyway"), unconfirmed.Error);
        Assert.Equal(new RotationError(RotationErrorCodes.WouldEmptyPublishedSet, $"kid '{A.Kid}' is the only published key of issuer {Issuer}: revoking it would publish an empty JWKS; approve or push a new key first"), only.Error);
    }

    [Fact]
    public void Revoke_RecordsWhetherTheSigningKeyWasRevoked_InTheHistory()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B)).State;

        var other = Apply(state, new RevokeEvent(B.Kid, "bob"));
        var signer = Apply(state, new RevokeEvent(A.Kid, "bob", ConfirmSigningKey: true));

        Assert.Equal(new HistoryEntry { At = Now, Action = HistoryAction.Revoked, Kids = [B.Kid], By = HistoryActor.ForOperator("bob"), Detail = null }, Assert.Single(other.Added), HistoryComparer.Instance);
        Assert.Equal(new HistoryEntry { At = Now, Action = HistoryAction.Revoked, Kids = [A.Kid], By = HistoryActor.ForOperator("bob"), Detail = "the latest signing key, revoked with confirmation" }, Assert.Single(signer.Added), HistoryComparer.Instance);
        Assert.Equal(A.Kid, other.State.LatestSigningKid);
        Assert.Null(signer.State.LatestSigningKid);
    }

    [Fact]
    public void Push_RecordsFirstContact_WithItsDetailAndThePendingKeys()
    {
        var result = Apply(New(), Push(null, C, A, B) with { Subject = "sub", SourceAddress = "10.0.0.9" });

        var actor = HistoryActor.ForPush(null, "sub", "10.0.0.9");
        var kids = new[] { A.Kid, B.Kid, C.Kid }.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                new HistoryEntry { At = Now, Action = HistoryAction.Pushed, Kids = kids, By = actor, Detail = "first contact: the keys wait for an operator's approval by fingerprint" },
                new HistoryEntry { At = Now, Action = HistoryAction.Pending, Kids = kids, By = actor },
            ],
            result.Added,
            HistoryComparer.Instance);
    }

    [Fact]
    public void Push_NamesTheIgnoredRevokedKids_InThePushedEntry()
    {
        var state = Apply(Apply(Enrolled(A), Push(A.Kid, A, B)).State, new RevokeEvent(B.Kid, "bob")).State;

        var result = Apply(state, Push(A.Kid, A, B, C));

        var actor = HistoryActor.ForPush(A.Kid, null, null);
        Assert.Equal(
            [
                new HistoryEntry { At = Now, Action = HistoryAction.Pushed, Kids = [.. new[] { A.Kid, B.Kid, C.Kid }.Order(StringComparer.Ordinal)], By = actor, Detail = $"revoked kids ignored: {B.Kid}" },
                new HistoryEntry { At = Now, Action = HistoryAction.Activated, Kids = [C.Kid], By = actor },
            ],
            result.Added,
            HistoryComparer.Instance);
    }

    [Fact]
    public void Push_RecordsAReactivatedKey_AndAWithdrawnPendingKey()
    {
        // B retained, C pending (high assurance); the push lists B again and no longer lists C.
        var state = Apply(Enrolled(A), Push(A.Kid, A, B)).State;
        state = Apply(state, Push(A.Kid, A)).State;
        state = Apply(state, Push(A.Kid, A, C), Options with { RequireApprovalForNewKeys = true }).State;

        var result = Apply(state, Push(A.Kid, A, B), Options with { RequireApprovalForNewKeys = true }, Now.AddMinutes(1));

        var actor = HistoryActor.ForPush(A.Kid, null, null);
        var at = Now.AddMinutes(1);
        Assert.Equal(
            [
                new HistoryEntry { At = at, Action = HistoryAction.Pushed, Kids = [.. new[] { A.Kid, B.Kid }.Order(StringComparer.Ordinal)], By = actor },
                new HistoryEntry { At = at, Action = HistoryAction.Activated, Kids = [B.Kid], By = actor },
                new HistoryEntry { At = at, Action = HistoryAction.Dropped, Kids = [C.Kid], By = actor, Detail = "withdrawn before approval" },
            ],
            result.Added,
            HistoryComparer.Instance);
        Assert.Null(result.State.Find(C.Kid));
        Assert.Equal(KeyStatus.Active, result.State.Find(B.Kid)!.Status);
        Assert.Null(result.State.Find(B.Kid)!.RetainUntil);
    }

    [Fact]
    public void Push_RetainsSeveralWithdrawnKeys_InKidOrder()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B, C)).State;

        var result = Apply(state, Push(A.Kid, A));

        var entry = Assert.Single(result.Added, e => e.Action == HistoryAction.Retained);
        Assert.Equal(new[] { B.Kid, C.Kid }.Order(StringComparer.Ordinal), entry.Kids);
    }

    [Fact]
    public void Push_GivesADroppedKeyBackItsStatus_PendingOrActiveByMode()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A, B)).State;
        state = Apply(state, Push(A.Kid, A)).State;
        state = Apply(state, TimePassedEvent.Instance, Options, Now + Options.RetentionWindow).State;
        Assert.Equal(KeyStatus.Dropped, state.Find(B.Kid)!.Status);
        var at = Now + Options.RetentionWindow;

        var normal = Apply(state, Push(A.Kid, A, B), Options, at);
        var high = Apply(state, Push(A.Kid, A, B), Options with { RequireApprovalForNewKeys = true }, at);

        Assert.Equal([HistoryAction.Pushed, HistoryAction.Activated], normal.Added.Select(e => e.Action));
        Assert.Equal([HistoryAction.Pushed, HistoryAction.Pending], high.Added.Select(e => e.Action));
        Assert.Equal(KeyStatus.Active, normal.State.Find(B.Kid)!.Status);
        Assert.Equal(KeyStatus.Pending, high.State.Find(B.Kid)!.Status);
    }

    [Fact]
    public void Build_StoresTheBindingsSortedByTokenHash()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A) with { Token = new TokenBinding("cc", "b", Now.AddMinutes(10)) }).State;
        state = Apply(state, Push(A.Kid, A) with { Token = new TokenBinding("aa", "b", Now.AddMinutes(20)) }).State;

        var result = Apply(state, Push(A.Kid, A) with { Token = new TokenBinding("bb", "b", Now.AddMinutes(5)) });

        Assert.Equal(["aa", "bb", "cc"], result.State.Tokens.Select(t => t.TokenHash));
    }

    [Fact]
    public void TimePassed_ForgetsABinding_ExactlyWhenItExpires()
    {
        var state = Apply(Enrolled(A), Push(A.Kid, A) with { Token = new TokenBinding("aa", "b", Now.AddMinutes(10)) }).State;

        var before = Apply(state, TimePassedEvent.Instance, Options, Now.AddMinutes(10).AddSeconds(-1));
        var at = Apply(state, TimePassedEvent.Instance, Options, Now.AddMinutes(10));

        Assert.Single(before.State.Tokens);
        Assert.Empty(at.State.Tokens);
        Assert.Empty(at.Added);
    }

    [Fact]
    public void Push_StoresObservedAtInUtc_WhenItCameWithAnOffset()
    {
        var observed = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.FromHours(1));

        var state = Apply(Enrolled(A), Push(A.Kid, A) with { ObservedAt = observed }).State;

        Assert.Equal(TimeSpan.Zero, state.LastObservedAt!.Value.Offset);
        Assert.Equal(Now, state.LastObservedAt);
    }

    [Fact]
    public void Apply_Throws_WhenAnArgumentIsNull_OrTheEventIsUnknown()
    {
        var state = New();

        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => RotationPolicy.Apply(null!, TimePassedEvent.Instance, Options, Now)).ParamName);
        Assert.Equal("change", Assert.Throws<ArgumentNullException>(() => RotationPolicy.Apply(state, null!, Options, Now)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => RotationPolicy.Apply(state, TimePassedEvent.Instance, null!, Now)).ParamName);
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => RotationPolicy.Apply(state, new UnknownEvent(), Options, Now));
        Assert.Equal("change", unknown.ParamName);
        Assert.Equal(nameof(UnknownEvent), unknown.ActualValue);
        Assert.StartsWith("unknown rotation event", unknown.Message, StringComparison.Ordinal);
    }

    private sealed record UnknownEvent : RotationEvent;

    /// <summary>Entries compared by value, their kids as sequences.</summary>
    private sealed class HistoryComparer : IEqualityComparer<HistoryEntry>
    {
        public static readonly HistoryComparer Instance = new();

        public bool Equals(HistoryEntry? x, HistoryEntry? y)
            => x is not null && y is not null && x.At == y.At && x.Action == y.Action && x.Kids.SequenceEqual(y.Kids) && x.By == y.By && x.Detail == y.Detail;

        public int GetHashCode(HistoryEntry obj) => HashCode.Combine(obj.At, obj.Action);
    }

}
