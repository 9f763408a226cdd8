using Azure.Storage.Blobs;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;

namespace IssuerSync.Storage.Tests.Azure;

public sealed class AzureBlobLocationTests
{
    [Theory]
    [InlineData("https://acct.blob.core.windows.net/oidc", "https://acct.blob.core.windows.net/", "acct", "oidc", "")]
    [InlineData("https://acct.blob.core.windows.net/oidc/cluster1/a", "https://acct.blob.core.windows.net/", "acct", "oidc", "cluster1/a")]
    [InlineData("https://acct.blob.core.windows.net/$web/", "https://acct.blob.core.windows.net/", "acct", "$web", "")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/oidc/c1", "http://127.0.0.1:10000/devstoreaccount1", "devstoreaccount1", "oidc", "c1")]
    public void Parse_SplitsAccountContainerAndPrefix_WhenUrlIsValid(string url, string account, string accountName, string container, string prefix)
    {
        var location = AzureBlobLocation.Parse(url);

        Assert.Equal((account, accountName, container, prefix, (string?)null), (location.AccountUrl.ToString(), location.AccountName, location.Container, location.Prefix, location.Sas));
    }

    [Theory]
    [InlineData("ftp://acct/oidc", "target 'azblob:ftp://acct/oidc' is not an http(s) URL: use azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX]")]
    [InlineData("http://acct.blob.core.windows.net/oidc", "target 'azblob:http://acct.blob.core.windows.net/oidc' uses http: Azure Storage accounts need https: use azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX]")]
    [InlineData("https://acct.blob.core.windows.net/", "target 'azblob:https://acct.blob.core.windows.net/' names no container: use azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX]")]
    [InlineData("https://acct.blob.core.windows.net/OIDC", "target 'azblob:https://acct.blob.core.windows.net/OIDC': 'OIDC' is not a container name (3-63 lower-case letters, digits and single hyphens, or $web for a static website): use azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX]")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", "target 'azblob:http://127.0.0.1:10000/devstoreaccount1' names no account and container: use azblob:http://127.0.0.1:PORT/devstoreaccount1/CONTAINER[/PREFIX] for Azurite")]
    [InlineData("https://acct.blob.core.windows.net/?sv=1&sig=SECRET", "target 'azblob:https://acct.blob.core.windows.net/?<SAS redacted>' names no container: use azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX]")]
    public void Parse_FailsNamingTheFormAndNeverTheSas_WhenUrlIsInvalid(string url, string message)
    {
        var error = Assert.Throws<StorageException>(() => AzureBlobLocation.Parse(url));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Create_KeepsTheSasOutOfNamesAndLocations_WhenTheUrlCarriesOne()
    {
        var location = AzureBlobLocation.Parse("https://acct.blob.core.windows.net/oidc/c1?sv=2024-01-01&sig=SECRETSIGNATURE");
        var options = new AzureBlobTargetOptions();
        var target = AzureBlobTarget.Create(AzureBlobClients.FromSas(location, AzureBlobClients.Options(options)), location, options);

        Assert.Equal("azblob:https://acct.blob.core.windows.net/oidc/c1", target.DisplayName);
        Assert.Equal("https://acct.blob.core.windows.net/oidc/c1/openid/v1/jwks", target.LocationOf("openid/v1/jwks"));
        Assert.Equal(new Uri("https://acct.blob.core.windows.net/oidc/c1"), target.PublicBaseUrl);
    }

    [Fact]
    public void Create_FailsAskingForThePublicBaseUrl_WhenContainerIsTheStaticWebsite()
    {
        var location = AzureBlobLocation.Parse("https://acct.blob.core.windows.net/$web/c1");

        var error = Assert.Throws<StorageException>(() => AzureBlobTarget.Create(new BlobContainerClient(location.ContainerUrl), location, new AzureBlobTargetOptions()));

        Assert.Equal(
            "target 'azblob:https://acct.blob.core.windows.net/$web/c1' is the static website container: its documents are served at the website endpoint, not the blob URL",
            error.Message);
        Assert.Equal(StorageErrorCodes.PublicBaseUrlMissing, error.Code);
        Assert.Equal("{0} (az storage account show -n ACCOUNT --query primaryEndpoints.web)", error.Hint!.Text);
        Assert.Equal(new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Set, "https://acct.zNN.web.core.windows.net/c1"), Assert.Single(error.Hint.Settings));
    }

    [Fact]
    public void Create_FailsWithoutPrintingTheSecret_WhenConnectionStringIsForAnotherAccount()
    {
        const string connectionString = "DefaultEndpointsProtocol=https;AccountName=other;AccountKey=c2VjcmV0c2VjcmV0;EndpointSuffix=core.windows.net";
        var location = AzureBlobLocation.Parse("https://acct.blob.core.windows.net/oidc");

        var error = Assert.Throws<StorageException>(() => AzureBlobClients.FromConnectionString(connectionString, location, AzureBlobClients.Options(new AzureBlobTargetOptions())));

        Assert.Equal("the storage connection string is for https://other.blob.core.windows.net but the target names https://acct.blob.core.windows.net", error.Message);
        Assert.Equal(StorageErrorCodes.ConnectionStringOtherAccount, error.Code);
        Assert.Equal("use the connection string of that account, or the target URL of the connection string's account", error.Hint!.Text);
        Assert.DoesNotContain("c2VjcmV0c2VjcmV0", error.Message, StringComparison.Ordinal);
    }
}
