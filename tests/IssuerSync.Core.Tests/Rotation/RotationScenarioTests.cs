using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Core.Tests.Rotation;

// Here, not with the usings above: there the name Push would find the namespace IssuerSync.Core.Push first.
using static RotationWorld;

/// <summary>The rotation story of one issuer, driven by a fake clock: enrol, approve, add, drop, expire, revoke.</summary>
public class RotationScenarioTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private IssuerState _state = IssuerState.New("prod", "https://oidc.example.com/prod");

    [Fact]
    public void Approve_PublishesTheEnrolledKey_WhenTheFingerprintMatches()
    {
        Push(null, A);
        Assert.Null(PublishedKeys.Of(_state));
        Assert.Equal([A.Kid], _state.PendingKids);

        var wrong = Apply(new ApproveEvent([B.Fingerprint], "alice"));
        Assert.Equal(RotationErrorCodes.UnknownFingerprint, wrong.Error!.Code);
        Assert.Equal(
            $"fingerprint '{B.Fingerprint}' matches no pending key of issuer https://oidc.example.com/prod: compare with 'openssl pkey -pubin -outform DER | sha256sum' on the cluster's key and approve one of: {A.Kid} (sha256 {A.Fingerprint})",
            wrong.Error.Message);

        var approved = Apply(new ApproveEvent([A.Fingerprint.ToUpperInvariant()], "alice"));

        Assert.False(approved.Refused);
        Assert.Equal([A.Kid], Published());
        var entry = _state.History[^1];
        Assert.Equal(HistoryAction.Approved, entry.Action);
        Assert.Equal(HistoryActor.ForOperator("alice"), entry.By);
    }

    [Fact]
    public void Push_PublishesAnAddedKeyAtOnce_WhenSignedByATrustedKey()
    {
        Enrol(A);

        Push(A.Kid, A, B);

        Assert.Equal(Sorted(A.Kid, B.Kid), Published());
        Assert.Equal(KeyStatus.Active, _state.Find(B.Kid)!.Status);
    }

    [Fact]
    public void TimePassed_DropsARemovedKey_OnlyAfterTheRetentionWindow()
    {
        Enrol(A);
        Push(A.Kid, A, B);

        Push(B.Kid, B);
        var removedAt = _clock.GetUtcNow();

        Assert.Equal(KeyStatus.Retained, _state.Find(A.Kid)!.Status);
        Assert.Equal(removedAt + Options.RetentionWindow, _state.Find(A.Kid)!.RetainUntil);
        Assert.Equal(Sorted(A.Kid, B.Kid), Published());

        _clock.Advance(Options.RetentionWindow - TimeSpan.FromSeconds(1));
        Apply(TimePassedEvent.Instance);
        Assert.Equal(Sorted(A.Kid, B.Kid), Published());

        _clock.Advance(TimeSpan.FromSeconds(1));
        Apply(TimePassedEvent.Instance);
        Assert.Equal([B.Kid], Published());
        Assert.Equal(KeyStatus.Dropped, _state.Find(A.Kid)!.Status);
        var dropped = _state.History[^1];
        Assert.Equal(HistoryAction.Dropped, dropped.Action);
        Assert.Equal([A.Kid], dropped.Kids);
        Assert.Equal(HistoryActor.Policy, dropped.By);
        Assert.Equal("retention window ended", dropped.Detail);
    }

    [Fact]
    public void Push_ReactivatesARetainedKey_WhenTheClusterListsItAgain()
    {
        Enrol(A);
        Push(A.Kid, A, B);
        Push(B.Kid, B);

        Push(B.Kid, A, B);

        Assert.Equal(KeyStatus.Active, _state.Find(A.Kid)!.Status);
        Assert.Null(_state.Find(A.Kid)!.RetainUntil);
    }

    [Fact]
    public void TimePassed_NeverDropsTheLatestSigningKey_EvenPastItsDeadline()
    {
        Enrol(A);
        Push(A.Kid, A, B);

        // The cluster no longer lists A but still signs the agent's tokens with it.
        Push(A.Kid, B);
        _clock.Advance(Options.RetentionWindow * 3);
        Apply(TimePassedEvent.Instance);

        Assert.Equal(KeyStatus.Retained, _state.Find(A.Kid)!.Status);
        Assert.Equal(Sorted(A.Kid, B.Kid), Published());

        // A signs once more, then the cluster switches to B: A keeps a full window from the last push it signed, then goes.
        Push(A.Kid, B);
        var lastSignedByA = _clock.GetUtcNow();
        Push(B.Kid, B);
        Apply(TimePassedEvent.Instance);
        Assert.Equal(lastSignedByA + Options.RetentionWindow, _state.Find(A.Kid)!.RetainUntil);
        Assert.Equal(KeyStatus.Retained, _state.Find(A.Kid)!.Status);
        _clock.Advance(Options.RetentionWindow);
        Apply(TimePassedEvent.Instance);
        Assert.Equal([B.Kid], Published());
    }

    [Fact]
    public void Revoke_DropsAKeyAtOnce_AndAPushCannotBringItBack()
    {
        Enrol(A);
        Push(A.Kid, A, B);

        var revoked = Apply(new RevokeEvent(B.Kid, "bob"));
        Assert.False(revoked.Refused);
        Assert.Equal([A.Kid], Published());

        Push(A.Kid, A, B);
        Assert.Equal([A.Kid], Published());
        Assert.Equal(KeyStatus.Revoked, _state.Find(B.Kid)!.Status);

        // Nothing else changed, so no history line; with a change the line names the ignored kid.
        Assert.Equal(HistoryAction.Revoked, _state.History[^1].Action);
        Push(A.Kid, A, B, C);
        Assert.Equal(Sorted(A.Kid, C.Kid), Published());
        Assert.Equal($"revoked kids ignored: {B.Kid}", _state.History.Last(h => h.Action == HistoryAction.Pushed).Detail);
    }

    [Fact]
    public void Revoke_RefusesTheLatestSigningKey_WithoutConfirmation()
    {
        Enrol(A);
        Push(A.Kid, A, B);

        var refused = Apply(new RevokeEvent(A.Kid, "bob"));

        Assert.Equal(RotationErrorCodes.SigningKeyNeedsConfirmation, refused.Error!.Code);
        Assert.Equal(Sorted(A.Kid, B.Kid), Published());

        var confirmed = Apply(new RevokeEvent(A.Kid, "bob", ConfirmSigningKey: true));

        Assert.False(confirmed.Refused);
        Assert.Equal([B.Kid], Published());
        Assert.Null(_state.LatestSigningKid);
        Assert.Equal("the latest signing key, revoked with confirmation", _state.History[^1].Detail);
    }

    [Fact]
    public void Revoke_RefusesTheOnlyPublishedKey_EvenWithConfirmation()
    {
        Enrol(A);
        Push(A.Kid, A);

        var refused = Apply(new RevokeEvent(A.Kid, "bob", ConfirmSigningKey: true));

        Assert.Equal(RotationErrorCodes.WouldEmptyPublishedSet, refused.Error!.Code);
        Assert.Equal(
            $"kid '{A.Kid}' is the only published key of issuer https://oidc.example.com/prod: revoking it would publish an empty JWKS; approve or push a new key first",
            refused.Error.Message);
        Assert.Equal([A.Kid], Published());
    }

    [Fact]
    public void Push_HoldsNewKeysPending_InHighAssuranceMode()
    {
        Enrol(A);

        Push(A.Kid, new RotationOptions { RetentionWindow = Options.RetentionWindow, RequireApprovalForNewKeys = true }, A, C);

        Assert.Equal([A.Kid], Published());
        Assert.Equal([C.Kid], _state.PendingKids);
        Apply(new ApproveEvent([C.Fingerprint], "alice"));
        Assert.Equal(Sorted(A.Kid, C.Kid), Published());
    }

    [Fact]
    public void Push_ForgetsAPendingKey_WhenTheClusterWithdrawsItBeforeApproval()
    {
        Push(null, A, B);

        Push(null, A);

        Assert.Equal([A.Kid], _state.PendingKids);
        Assert.Null(_state.Find(B.Kid));
        var dropped = _state.History[^1];
        Assert.Equal(HistoryAction.Dropped, dropped.Action);
        Assert.Equal([B.Kid], dropped.Kids);
        Assert.Equal("withdrawn before approval", dropped.Detail);
    }

    [Fact]
    public void PublishedKeys_GiveTheSameBytes_ForTheSameState()
    {
        Enrol(A);
        Push(A.Kid, A, B, C);
        var reread = IssuerStateJson.Read(IssuerStateJson.Write(_state), "test");

        var first = PublishedKeys.Documents(_state)!;
        var second = PublishedKeys.Documents(reread)!;

        Assert.Equal(first.Jwks, second.Jwks);
        Assert.Equal(first.Discovery, second.Discovery);
        Assert.Equal(IssuerStateJson.Write(_state), IssuerStateJson.Write(reread));
        Assert.Equal(Sorted(A.Kid, B.Kid, C.Kid), first.Keys.Keys.Select(k => k.Kid));
    }

    private static string[] Sorted(params string[] kids) => kids.Order(StringComparer.Ordinal).ToArray();

    private IReadOnlyList<string> Published() => PublishedKeys.Of(_state)?.Keys.Select(k => k.Kid).ToArray() ?? [];

    private void Enrol(ServiceAccountKey key)
    {
        Push(null, key);
        Assert.False(Apply(new ApproveEvent([key.Fingerprint], "alice")).Refused);
    }

    private void Push(string? signingKid, params ServiceAccountKey[] keys) => Push(signingKid, Options, keys);

    private void Push(string? signingKid, RotationOptions options, params ServiceAccountKey[] keys)
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        var result = RotationPolicy.Apply(_state, new PushEvent { Keys = keys, SigningKid = signingKid, Subject = "system:serviceaccount:issuersync:agent", ObservedAt = _clock.GetUtcNow() }, options, _clock.GetUtcNow());
        Assert.Null(result.Error);
        _state = result.State;
    }

    private RotationResult Apply(RotationEvent change)
    {
        var result = RotationPolicy.Apply(_state, change, Options, _clock.GetUtcNow());
        _state = result.State;
        return result;
    }
}
