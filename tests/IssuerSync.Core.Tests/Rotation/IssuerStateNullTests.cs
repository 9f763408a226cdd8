using System.Text;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Core.Tests.Rotation;

/// <summary>A state document with null where a collection or a record belongs is a format error, never a null inside the state.</summary>
public class IssuerStateNullTests
{
    private const string Key = "{\"kid\":\"k\",\"fingerprint\":\"f\",\"publicKey\":\"AA==\",\"status\":\"active\",\"firstSeen\":\"2026-11-23T10:00:00+00:00\",\"lastSeen\":\"2026-11-23T10:00:00+00:00\",\"changedAt\":\"2026-11-23T10:00:00+00:00\"}";
    private const string Entry = "{\"at\":\"2026-11-23T10:00:00+00:00\",\"action\":\"pushed\",\"kids\":[\"k\"],\"by\":{\"kind\":\"push\"}}";

    public static TheoryData<string, string> Documents => new()
    {
        { "\"keys\":null", "keys" },
        { "\"tokens\":null", "tokens" },
        { "\"history\":null", "history" },
        { "\"keys\":[null]", "keys[0] is null" },
        { $"\"keys\":[{Key},null]", "keys[1] is null" },
        { "\"tokens\":[null]", "tokens[0] is null" },
        { "\"history\":[null]", "history[0] is null" },
        { "\"history\":[{\"at\":\"2026-11-23T10:00:00+00:00\",\"action\":\"pushed\",\"kids\":null,\"by\":{\"kind\":\"push\"}}]", "kids" },
        { "\"history\":[{\"at\":\"2026-11-23T10:00:00+00:00\",\"action\":\"pushed\",\"kids\":[null],\"by\":{\"kind\":\"push\"}}]", "history[0].kids[0] is null" },
        { "\"history\":[{\"at\":\"2026-11-23T10:00:00+00:00\",\"action\":\"pushed\",\"kids\":[],\"by\":null}]", "by" },
        { "\"keys\":[" + Key.Replace("\"kid\":\"k\"", "\"kid\":null", StringComparison.Ordinal) + "]", "kid" },
        { "\"tokens\":[{\"tokenHash\":null,\"bodyHash\":\"b\",\"expiresAt\":\"2026-11-23T10:00:00+00:00\"}]", "tokenHash" },
        { "\"issuerId\":null", "issuerId" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Read_ThrowsStateFormatException_WhenADocumentHoldsNull(string member, string named)
    {
        var json = "{\"schemaVersion\":1,\"issuerId\":\"prod\",\"issuer\":\"https://oidc.example.com/prod\"," + member + "}";
        json = json.Replace("\"issuerId\":\"prod\",\"issuer\":\"https://oidc.example.com/prod\",\"issuerId\":null", "\"issuerId\":null,\"issuer\":\"https://oidc.example.com/prod\"", StringComparison.Ordinal);

        var error = Assert.Throws<StateFormatException>(() => IssuerStateJson.Read(Encoding.UTF8.GetBytes(json), "prod.json"));

        Assert.StartsWith("prod.json: the state document does not match schema version 1 (", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("): restore it from a backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AcceptsADocumentWithoutTheOptionalMembers()
    {
        var json = "{\"schemaVersion\":1,\"issuerId\":\"prod\",\"issuer\":\"https://oidc.example.com/prod\",\"keys\":[" + Key + "],\"history\":[" + Entry + "]}";

        var state = IssuerStateJson.Read(Encoding.UTF8.GetBytes(json), "prod.json");

        Assert.Equal("k", Assert.Single(state.Keys).Kid);
        Assert.Empty(state.Tokens);
        Assert.Null(state.LastAcceptedPushAt);
        Assert.Equal(0, state.CompactedHistoryEntries);
    }

    [Fact]
    public void Write_RoundTripsTheNewMembers()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var state = IssuerState.New("prod", "https://oidc.example.com/prod") with
        {
            LastAcceptedPushAt = at,
            ForgottenTokensExpireBy = at.AddMinutes(12),
            FirstContacts = new FirstContactWindow(at, 3),
            CompactedHistoryEntries = 7,
        };

        var json = Encoding.UTF8.GetString(IssuerStateJson.Write(state));
        var again = IssuerStateJson.Read(Encoding.UTF8.GetBytes(json), "prod.json");

        Assert.Equal(state with { }, again with { Keys = state.Keys, Tokens = state.Tokens, History = state.History });
        Assert.Contains("\"lastAcceptedPushAt\": \"2026-11-23T10:00:00+00:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"compactedHistoryEntries\": 7", json, StringComparison.Ordinal);
    }
}
