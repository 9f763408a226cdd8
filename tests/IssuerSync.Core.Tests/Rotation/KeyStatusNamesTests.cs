using System.Text;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Rotation;

public sealed class KeyStatusNamesTests
{
    [Theory]
    [InlineData(KeyStatus.Pending, "pending")]
    [InlineData(KeyStatus.Active, "active")]
    [InlineData(KeyStatus.Retained, "retained")]
    [InlineData(KeyStatus.Revoked, "revoked")]
    [InlineData(KeyStatus.Dropped, "dropped")]
    public void Of_IsTheNameTheStateDocumentStores_ForEveryStatus(KeyStatus status, string name)
    {
        using var rsa = TestKeys.Rsa();
        var key = KeyRecord.Create(ServiceAccountKey.FromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), "test", null), status, DateTimeOffset.UnixEpoch);
        var json = Encoding.UTF8.GetString(IssuerStateJson.Write(IssuerState.New("prod", "https://oidc.example.com/prod") with { Keys = [key] }));

        Assert.Equal(name, KeyStatusNames.Of(status));
        Assert.Contains($"\"status\": \"{name}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_NamesEveryStatusDifferently()
    {
        var names = Enum.GetValues<KeyStatus>().Select(KeyStatusNames.Of).ToArray();

        Assert.Equal(Enum.GetValues<KeyStatus>().Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}
