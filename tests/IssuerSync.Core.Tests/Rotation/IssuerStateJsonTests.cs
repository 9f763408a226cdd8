using System.Text;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Core.Tests.Rotation;

public class IssuerStateJsonTests
{
    [Fact]
    public void Write_GivesVersionedCamelCaseJson_ForANewIssuer()
    {
        var json = Encoding.UTF8.GetString(IssuerStateJson.Write(IssuerState.New("prod", "https://oidc.example.com/prod")));

        Assert.Equal(
            "{\n  \"schemaVersion\": 1,\n  \"issuerId\": \"prod\",\n  \"issuer\": \"https://oidc.example.com/prod\",\n  \"keys\": [],\n  \"latestSigningKid\": null,\n  \"lastObservedAt\": null,\n  \"tokens\": [],\n  \"history\": []\n}",
            json.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"schemaVersion\":2,\"issuerId\":\"prod\",\"issuer\":\"x\"}", "state.json: state schema version 2 is newer than this publisher understands (1): upgrade IssuerSync")]
    [InlineData("{\"issuerId\":\"prod\",\"issuer\":\"x\"}", "state.json: state schema version 0 is unknown (expected 1): restore the document from a backup")]
    public void Read_Refuses_WhenTheSchemaVersionIsUnknown(string json, string message)
    {
        var error = Assert.Throws<StateFormatException>(() => IssuerStateJson.Read(Encoding.UTF8.GetBytes(json), "state.json"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Read_Refuses_WhenTheDocumentIsNotJson()
    {
        var error = Assert.Throws<StateFormatException>(() => IssuerStateJson.Read("{oops"u8, "state.json"));

        Assert.StartsWith("state.json: the state document is not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
