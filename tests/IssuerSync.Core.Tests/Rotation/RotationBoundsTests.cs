using System.Text;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Rotation;

// Here, not with the usings above: there the name Push would find the namespace IssuerSync.Core.Push first.
using static RotationWorld;

/// <summary>
/// The bounds that keep one issuer's state small, exactly at their edges: the first-contact hour, the
/// token bindings, the history and the dropped records; saturating time; and the state reader's types.
/// </summary>
public class RotationBoundsTests
{
    [Fact]
    public void FirstContact_CountsWithinTheHour_AndStartsANewHourAtItsEnd()
    {
        var options = Options with { MaxFirstContactPushesPerHour = 2 };
        var state = Apply(New(), Push(null, A), options).State;
        state = Apply(state, Push(null, A), options, Now.AddMinutes(59)).State;

        var third = Apply(state, Push(null, A), options, Now.AddHours(1).AddSeconds(-1));
        var nextHour = Apply(state, Push(null, A), options, Now.AddHours(1));

        Assert.Equal(new FirstContactWindow(Now, 2), state.FirstContacts);
        Assert.Equal(RotationErrorCodes.EnrolmentRateLimited, third.Error!.Code);
        Assert.Equal(new FirstContactWindow(Now.AddHours(1), 1), nextHour.State.FirstContacts);
    }

    [Fact]
    public void FirstContact_StartsANewHour_WhenTheClockWentBack()
    {
        var options = Options with { MaxFirstContactPushesPerHour = 1 };
        var state = Apply(New(), Push(null, A), options).State;

        var earlier = Apply(state, Push(null, A), options, Now.AddMinutes(-1));

        Assert.Null(earlier.Error);
        Assert.Equal(new FirstContactWindow(Now.AddMinutes(-1), 1), earlier.State.FirstContacts);
    }

    [Fact]
    public void Bind_ForgetsTheBindingsExpiringFirst_BeyondTheBound_AndRemembersTheLatestForgottenExpiry()
    {
        var options = Options with { MaxTokenBindings = 2 };
        var state = Enrolled(A, options);
        state = Apply(state, Bound("t1", 30), options).State;
        state = Apply(state, Bound("t2", 10), options).State;
        Assert.Null(state.ForgottenTokensExpireBy);

        var third = Apply(state, Bound("t3", 20), options).State;
        var fourth = Apply(third, Bound("t4", 40), options).State;

        Assert.Equal(["t1", "t3"], third.Tokens.Select(t => t.TokenHash));
        Assert.Equal(Now.AddMinutes(10), third.ForgottenTokensExpireBy);
        Assert.Equal(["t1", "t4"], fourth.Tokens.Select(t => t.TokenHash));
        Assert.Equal(Now.AddMinutes(20), fourth.ForgottenTokensExpireBy);
    }

    [Fact]
    public void Bind_KeepsTheEarlierMark_WhenTheBindingForgottenNowExpiresBeforeIt()
    {
        var options = Options with { MaxTokenBindings = 1 };
        var state = Apply(Enrolled(A, options) with { ForgottenTokensExpireBy = Now.AddMinutes(50) }, Bound("t1", 30), options).State;

        var next = Apply(state, Bound("t2", 40), options).State;

        Assert.Equal(["t2"], next.Tokens.Select(t => t.TokenHash));
        Assert.Equal(Now.AddMinutes(50), next.ForgottenTokensExpireBy);
    }

    [Fact]
    public void Bind_KeepsTheNewBinding_EvenWhenTheBoundIsZero()
    {
        var options = Options with { MaxTokenBindings = 0 };

        var state = Apply(Enrolled(A, options), Bound("t1", 30), options).State;

        Assert.Equal(["t1"], state.Tokens.Select(t => t.TokenHash));
        Assert.Null(state.ForgottenTokensExpireBy);
    }

    [Fact]
    public void History_KeepsExactlyTheNewestEntries_WithinTheEntryAndKidBounds()
    {
        // Enrolment leaves pushed [A], pending [A], approved [A]; the push adds pushed [A, B], activated [B].
        var entries = Apply(Enrolled(A, Options), Push(A.Kid, A, B), Options with { MaxHistoryEntries = 3 }).State;
        var kids = Apply(Enrolled(A, Options), Push(A.Kid, A, B), Options with { MaxHistoryKids = 2 }).State;

        Assert.Equal([HistoryAction.Approved, HistoryAction.Pushed, HistoryAction.Activated], entries.History.Select(h => h.Action));
        Assert.Equal(2, entries.CompactedHistoryEntries);
        Assert.Equal([HistoryAction.Activated], kids.History.Select(h => h.Action));
        Assert.Equal(4, kids.CompactedHistoryEntries);
    }

    [Fact]
    public void History_KeepsTheNewestEntry_EvenWhenItAloneListsMoreKidsThanTheBound()
    {
        var state = Apply(New(), Push(null, A, B), Options with { MaxHistoryKids = 1 }).State;

        var entry = Assert.Single(state.History);
        Assert.Equal(HistoryAction.Pending, entry.Action);
        Assert.Equal(2, entry.Kids.Count);
        Assert.Equal(1, state.CompactedHistoryEntries);
    }

    [Fact]
    public void DroppedRecords_KeepOnlyTheNewest_AndNoneWhenTheBoundIsNegative()
    {
        var c = Key(TestKeys.Ec("P-384"));
        var state = Apply(Enrolled(A, Options), Push(A.Kid, A, B)).State;
        state = Apply(state, Push(A.Kid, A)).State;
        state = Apply(state, Push(A.Kid, A, c), Options, Now.AddDays(1)).State;
        state = Apply(state, Push(A.Kid, A), Options, Now.AddDays(1)).State;
        state = Apply(state, TimePassedEvent.Instance, Options, Now.AddDays(2)).State;
        Assert.Equal(KeyStatus.Dropped, state.Find(B.Kid)!.Status);

        var all = Apply(state, TimePassedEvent.Instance, Options, Now.AddDays(3)).State;
        var one = Apply(state, TimePassedEvent.Instance, Options with { MaxDroppedRecords = 1 }, Now.AddDays(3)).State;
        var none = Apply(state, TimePassedEvent.Instance, Options with { MaxDroppedRecords = -1 }, Now.AddDays(3)).State;

        Assert.Equal(new[] { A.Kid, B.Kid, c.Kid }.Order(StringComparer.Ordinal), all.Keys.Select(k => k.Kid));
        Assert.Equal(new[] { A.Kid, c.Kid }.Order(StringComparer.Ordinal), one.Keys.Select(k => k.Kid));
        Assert.Equal(KeyStatus.Dropped, one.Find(c.Kid)!.Status);
        Assert.Equal([A.Kid], none.Keys.Select(k => k.Kid));
    }

    [Fact]
    public void FirstContact_CountsTwoPushesAtTheSameInstant_InOneHour()
    {
        var state = Apply(Apply(New(), Push(null, A)).State, Push(null, A)).State;

        Assert.Equal(new FirstContactWindow(Now, 2), state.FirstContacts);
    }

    [Fact]
    public void Bind_ForgetsTheLowerHashFirst_WhenBindingsExpireAtTheSameInstant()
    {
        var options = Options with { MaxTokenBindings = 1 };
        var state = Apply(Enrolled(A, options), Bound("bb", 30), options).State;

        var next = Apply(state, Bound("aa", 30), options).State;

        Assert.Equal(["bb"], next.Tokens.Select(t => t.TokenHash));
    }

    [Fact]
    public void History_KeepsEntriesUpToExactlyTheKidBound()
    {
        // From the end: activated [B] (1 kid), pushed [A, B] (3 in all), approved [A] (4).
        var state = Apply(Enrolled(A, Options), Push(A.Kid, A, B), Options with { MaxHistoryKids = 3 }).State;

        Assert.Equal([HistoryAction.Pushed, HistoryAction.Activated], state.History.Select(h => h.Action));
    }

    [Fact]
    public void DroppedRecords_KeepTheLowerKid_WhenTwoWereDroppedAtTheSameInstant()
    {
        var c = Key(TestKeys.Ec("P-384"));
        var state = Apply(Enrolled(A, Options), Push(A.Kid, A, B, c)).State;
        state = Apply(state, Push(A.Kid, A)).State;

        var result = Apply(state, TimePassedEvent.Instance, Options with { MaxDroppedRecords = 1 }, Now + Options.RetentionWindow).State;

        Assert.Equal(new[] { A.Kid, new[] { B.Kid, c.Kid }.Min(StringComparer.Ordinal)! }.Order(StringComparer.Ordinal), result.Keys.Select(k => k.Kid));
    }

    [Fact]
    public void Read_RefusesATokenBinding_WithoutItsExpiry()
    {
        var json = $"{{\"schemaVersion\":1,\"issuerId\":\"prod\",\"issuer\":\"{Issuer}\",\"tokens\":[{{\"tokenHash\":\"a\",\"bodyHash\":\"b\"}}]}}";

        var error = Assert.Throws<StateFormatException>(() => IssuerStateJson.Read(Encoding.UTF8.GetBytes(json), "prod.json"));

        Assert.StartsWith("prod.json: the state document does not match schema version 1 (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaturatingTime_StopsAtTheEndsOfTheCalendar()
    {
        var second = TimeSpan.FromSeconds(1);

        Assert.Equal(DateTimeOffset.MaxValue, SaturatingTime.Add(DateTimeOffset.MaxValue - second, second));
        Assert.Equal(DateTimeOffset.MaxValue, SaturatingTime.Add(DateTimeOffset.MaxValue - second, TimeSpan.FromDays(1)));
        Assert.Equal(DateTimeOffset.MaxValue - second, SaturatingTime.Add(DateTimeOffset.MaxValue - (second * 2), second));
        Assert.Equal(DateTimeOffset.MinValue, SaturatingTime.Add(DateTimeOffset.MinValue + second, -second));
        Assert.Equal(DateTimeOffset.MinValue, SaturatingTime.Add(DateTimeOffset.MinValue + second, TimeSpan.FromDays(-1)));
        Assert.Equal(DateTimeOffset.MinValue + second, SaturatingTime.Add(DateTimeOffset.MinValue + (second * 2), -second));
        Assert.Equal(Now, SaturatingTime.Add(Now, TimeSpan.Zero));
        Assert.Equal(Now.AddHours(-1), SaturatingTime.Add(Now, TimeSpan.FromHours(-1)));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"enabled\"")]
    public void Read_RefusesAKeyStatus_ThatIsNotOneOfTheNames(string status)
    {
        var json = $"{{\"schemaVersion\":1,\"issuerId\":\"prod\",\"issuer\":\"{Issuer}\",\"keys\":[{{\"kid\":\"k\",\"fingerprint\":\"f\",\"publicKey\":\"AA==\",\"status\":{status},\"firstSeen\":\"2026-11-23T10:00:00+00:00\",\"lastSeen\":\"2026-11-23T10:00:00+00:00\",\"changedAt\":\"2026-11-23T10:00:00+00:00\"}}]}}";

        var error = Assert.Throws<StateFormatException>(() => IssuerStateJson.Read(Encoding.UTF8.GetBytes(json), "prod.json"));

        Assert.StartsWith("prod.json: the state document does not match schema version 1 (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesADocumentThatIsNull_OrNotAnObject()
    {
        var nothing = Assert.Throws<StateFormatException>(() => IssuerStateJson.Read("null"u8, "prod.json"));
        var array = Assert.Throws<StateFormatException>(() => IssuerStateJson.Read("[]"u8, "prod.json"));

        Assert.Equal("prod.json: state schema version 0 is unknown (expected 1): restore the document from a backup", nothing.Message);
        Assert.Equal("prod.json: state schema version 0 is unknown (expected 1): restore the document from a backup", array.Message);
    }

    [Fact]
    public void Read_GivesBackTheStateItWrote()
    {
        var state = Apply(Apply(Enrolled(A, Options), Push(A.Kid, A, B) with { Token = new TokenBinding("t", "b", Now.AddMinutes(5)) }).State, Push(A.Kid, A)).State
            with { Publication = new PublicationStatus { PublishedAt = Now, PublishedKids = [A.Kid] } };

        var read = IssuerStateJson.Read(IssuerStateJson.Write(state), "prod.json");

        Assert.Equal(IssuerStateJson.Write(state), IssuerStateJson.Write(read));
        Assert.True(RotationPolicy.SameState(state, read));
        Assert.False(RotationPolicy.SameState(state, read with { LatestSigningKid = null }));
        Assert.Equal(KeyStatus.Retained, read.Find(B.Kid)!.Status);
        Assert.Equal(new[] { A.Kid, B.Kid }.Order(StringComparer.Ordinal), read.PublishedKids);
    }

    [Fact]
    public void Read_GivesAnEmptyKidListToAPublicationWithoutOne()
    {
        var json = $"{{\"schemaVersion\":1,\"issuerId\":\"prod\",\"issuer\":\"{Issuer}\",\"publication\":{{\"publishedAt\":\"2026-11-23T10:00:00+00:00\"}}}}";

        var state = IssuerStateJson.Read(Encoding.UTF8.GetBytes(json), "prod.json");

        Assert.Empty(state.Publication!.PublishedKids);
        Assert.Empty(state.Keys);
        Assert.Empty(state.Tokens);
        Assert.Empty(state.History);
    }

    [Fact]
    public void ToKey_NamesTheStateAndTheKid_WhenTheStoredKeyIsCorrupt()
    {
        var record = KeyRecord.Create(A, KeyStatus.Active, Now) with { PublicKey = Convert.ToBase64String([0x30, 0x03, 0x02, 0x01, 0x00]) };

        var error = Assert.Throws<KeyFormatException>(record.ToKey);

        Assert.Equal("state", error.KeySource);
        Assert.Equal($"kid {A.Kid}", error.Block);
    }

    private static PushEvent Bound(string hash, int minutes)
        => Push(A.Kid, A) with { Token = new TokenBinding(hash, "b", Now.AddMinutes(minutes)) };

}
