using System.Text;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Documents;

public class DiscoveryDocumentTests
{
    private static KeySet Keys(params string[] files) => KeySet.Create(files.SelectMany(Fixtures.Parse));

    [Fact]
    public void Build_WritesKubeApiserverFieldsInOrder_ForAnIssuerWithAPath()
    {
        var documents = IssuerDocuments.Create(IssuerUrl.Parse("https://oidc.example.com/cluster1"), null, Keys("rsa2048-spki.pem"));

        Assert.Equal(
            "{\"issuer\":\"https://oidc.example.com/cluster1\",\"jwks_uri\":\"https://oidc.example.com/cluster1/openid/v1/jwks\"," +
            "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}",
            Encoding.UTF8.GetString(documents.Discovery));
        Assert.Equal("openid/v1/jwks", documents.JwksPath);
        Assert.Equal(".well-known/openid-configuration", documents.DiscoveryPath);
    }

    [Fact]
    public void Build_KeepsTheTrailingSlash_AndAvoidsADoubleSlashInJwksUri()
    {
        var documents = IssuerDocuments.Create(IssuerUrl.Parse("https://acct.blob.core.windows.net/oidc/"), null, Keys("ec-p256-spki.pem"));

        Assert.Equal(
            "{\"issuer\":\"https://acct.blob.core.windows.net/oidc/\",\"jwks_uri\":\"https://acct.blob.core.windows.net/oidc/openid/v1/jwks\"," +
            "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"ES256\"]}",
            Encoding.UTF8.GetString(documents.Discovery));
    }

    [Fact]
    public void Build_ListsEveryKeyAlgorithmOnceSorted()
    {
        var documents = IssuerDocuments.Create(IssuerUrl.Parse("https://x.example"), null, Keys("rsa2048-spki.pem", "ec-p521-spki.pem", "ec-p256-spki.pem", "rsa4096-spki.pem", "ec-p384-spki.pem"));

        using var json = System.Text.Json.JsonDocument.Parse(documents.Discovery);
        Assert.Equal(["ES256", "ES384", "ES512", "RS256"], json.RootElement.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://x.example/openid/v1/jwks", json.RootElement.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public void Build_UsesAnExplicitJwksUri_AndHasNoPathForOneOutsideTheIssuer()
    {
        var documents = IssuerDocuments.Create(IssuerUrl.Parse("https://x.example/a"), JwksUri.Parse("https://keys.example/jwks.json"), Keys("rsa2048-spki.pem"));

        Assert.Contains("\"jwks_uri\":\"https://keys.example/jwks.json\"", Encoding.UTF8.GetString(documents.Discovery), StringComparison.Ordinal);
        Assert.Null(documents.JwksPath);
    }

    [Fact]
    public void Build_PlacesAnExplicitJwksUriUnderTheIssuer_AtItsRelativePath()
    {
        var documents = IssuerDocuments.Create(IssuerUrl.Parse("https://x.example/a"), JwksUri.Parse("https://x.example/a/keys/jwks.json"), Keys("rsa2048-spki.pem"));

        Assert.Equal("keys/jwks.json", documents.JwksPath);
    }
}
