using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Rotation;

/// <summary>Since when the latest signing key signs, read from the history the rotation policy writes.</summary>
public class SigningHistoryTests
{
    private static readonly ServiceAccountKey A = Key(TestKeys.Rsa());
    private static readonly ServiceAccountKey B = Key(TestKeys.Ec());
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly RotationOptions Options = new();

    [Fact]
    public void LatestSigningSince_IsTheFirstPushTheNewKeySigned_AfterARotationThroughThePolicy()
    {
        var state = Apply(IssuerState.New("prod", "https://oidc.example.com/prod"), Push(null, A), Now);
        state = Apply(state, new ApproveEvent([A.Fingerprint], "alice"), Now.AddMinutes(1));
        state = Apply(state, Push(A.Kid, A, B) with { ObservedAt = Now.AddMinutes(2) }, Now.AddMinutes(2));
        state = Apply(state, Push(B.Kid, A, B) with { ObservedAt = Now.AddMinutes(3) }, Now.AddMinutes(3));
        state = Apply(state, Push(B.Kid, B) with { ObservedAt = Now.AddMinutes(4) }, Now.AddMinutes(4));

        Assert.Equal(B.Kid, state.LatestSigningKid);
        Assert.Equal(Now.AddMinutes(3), SigningHistory.LatestSigningSince(state));
    }

    [Fact]
    public void LatestSigningSince_CountsFromTheLatestRun_WhenTheSignerChangedBackAndForth()
    {
        var state = State(B.Kid, Pushed(1, A.Kid), Pushed(2, B.Kid), Pushed(3, A.Kid), Operator(4), Pushed(5, B.Kid), Policy(6), Pushed(7, B.Kid));

        Assert.Equal(Now.AddMinutes(5), SigningHistory.LatestSigningSince(state));
    }

    [Fact]
    public void LatestSigningSince_IsTheOldestKeptLine_WhenEveryKeptPushWasSignedByTheSigner()
    {
        var state = State(B.Kid, Pushed(8, B.Kid), Pushed(9, B.Kid)) with { CompactedHistoryEntries = 50 };

        Assert.Equal(Now.AddMinutes(8), SigningHistory.LatestSigningSince(state));
    }

    [Fact]
    public void LatestSigningSince_IsNull_WithoutASigningKeyOrAPushItSigned()
    {
        Assert.Null(SigningHistory.LatestSigningSince(State(null, Pushed(1, A.Kid))));
        Assert.Null(SigningHistory.LatestSigningSince(State(B.Kid, Pushed(1, A.Kid), Operator(2))));
    }

    private static IssuerState State(string? signer, params HistoryEntry[] history)
        => IssuerState.New("prod", "https://oidc.example.com/prod") with { LatestSigningKid = signer, History = history };

    private static HistoryEntry Pushed(int minute, string signer)
        => new() { At = Now.AddMinutes(minute), Action = HistoryAction.Pushed, Kids = [signer], By = HistoryActor.ForPush(signer, "system:serviceaccount:issuersync:issuersync-agent", "127.0.0.1") };

    private static HistoryEntry Operator(int minute)
        => new() { At = Now.AddMinutes(minute), Action = HistoryAction.Approved, Kids = [A.Kid], By = HistoryActor.ForOperator("alice") };

    private static HistoryEntry Policy(int minute)
        => new() { At = Now.AddMinutes(minute), Action = HistoryAction.Dropped, Kids = [A.Kid], By = HistoryActor.Policy };

    private static PushEvent Push(string? signingKid, params ServiceAccountKey[] keys)
        => new() { Keys = keys, SigningKid = signingKid, ObservedAt = Now };

    private static IssuerState Apply(IssuerState state, RotationEvent change, DateTimeOffset at)
        => RotationPolicy.Apply(state, change, Options, at).State;

    private static ServiceAccountKey Key(System.Security.Cryptography.AsymmetricAlgorithm key)
        => ServiceAccountKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), "test", null);
}
