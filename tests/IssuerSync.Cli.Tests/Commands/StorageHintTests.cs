using IssuerSync.Cli.Commands;
using IssuerSync.Core;
using IssuerSync.Storage.Targets;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>
/// The storage adapters name settings abstractly; the CLI words each hint with its own flags and reads the
/// environment itself (AZURE_STORAGE_CONNECTION_STRING, AWS_REGION, AWS_DEFAULT_REGION).
/// </summary>
public sealed class StorageHintTests : IDisposable
{
    private const string WebsiteHint = "Hint: pass --public-base-url https://acct.zNN.web.core.windows.net/c1 (az storage account show -n ACCOUNT --query primaryEndpoints.web)";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Publish_NamesThePublicBaseUrlFlagAndWritesNothing_WhenTheTargetIsNotServedAtTheIssuer()
    {
        var www = _temp.File("www");

        var run = await CliRun.InvokeAsync("publish", "--issuer", "https://oidc.example.com/c1", "--key", Key(), "--target", $"dir:{www}", "--public-base-url", "https://cdn.example.com/c1");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            $"issuersync: error: dir:{www}: the issuer 'https://oidc.example.com/c1' would be unreachable: this target serves the discovery document at https://cdn.example.com/c1/.well-known/openid-configuration " +
            "but clouds fetch https://oidc.example.com/c1/.well-known/openid-configuration; nothing was written. " +
            "Hint: publish to the target whose URL is the issuer, or pass --public-base-url https://oidc.example.com/c1 when a CDN, static website or custom domain serves this target at the issuer URL" + Environment.NewLine,
            run.Stderr);
        Assert.False(Directory.Exists(www));
    }

    [Fact]
    public async Task Publish_SaysToLeaveTheJwksUriFlagOut_WhenItIsNotUnderTheIssuer()
    {
        var run = await CliRun.InvokeAsync("publish", "--issuer", "https://oidc.example.com/c1", "--jwks-uri", "https://keys.example.com/jwks", "--key", Key(), "--target", $"dir:{_temp.File("www")}");

        Assert.Equal(3, run.ExitCode);
        Assert.EndsWith(
            "jwks_uri 'https://keys.example.com/jwks' is not under the issuer 'https://oidc.example.com/c1', so this target cannot serve it. " +
            "Hint: leave --jwks-uri out (it defaults to https://oidc.example.com/c1/openid/v1/jwks) or give a URL under the issuer" + Environment.NewLine,
            run.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_GivesTheRegionFlagAndVariableTheRegionS3Reported_WhenTheBucketIsInAnotherRegion()
    {
        // The hint S3Errors gives for a redirect naming the bucket's region (S3ErrorTests in IssuerSync.Storage.Tests).
        var error = new StorageException(
            StorageErrorCodes.RegionWrong,
            "s3://oidc-bucket/c1: cannot read https://oidc-bucket.s3.us-east-1.amazonaws.com/c1/openid/v1/jwks: the bucket 'oidc-bucket' is in region eu-west-1, not us-east-1 (HTTP 301 PermanentRedirect)",
            new StorageHint("{0}, the region S3 reported for the bucket", new SettingFix(StorageSetting.Region, SettingChange.Set, "eu-west-1")));

        Assert.EndsWith(". Hint: pass --region eu-west-1 or set AWS_REGION=eu-west-1, the region S3 reported for the bucket", CliStorageWording.Describe(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("azblob:https://acct.blob.core.windows.net/$web/c1", null, "target 'azblob:https://acct.blob.core.windows.net/$web/c1' is the static website container: its documents are served at the website endpoint, not the blob URL. " + WebsiteHint)]
    [InlineData("s3://oidc-bucket/c1", null, "target 's3://oidc-bucket/c1' needs the bucket's region. Hint: pass --region or set AWS_REGION to the bucket's region, e.g. eu-west-1")]
    [InlineData("s3://oidc-bucket/c1", "ftp://minio.example.com", "the S3 endpoint 'ftp://minio.example.com/' is not an http(s) URL. Hint: pass --s3-endpoint https://minio.example.com:9000")]
    public void Create_WordsTheHintWithTheCliFlags(string target, string? s3Endpoint, string expected)
    {
        var error = Assert.Throws<IssuerSyncException>(() => TargetLoading.Create(target, new TargetSettings { S3Endpoint = s3Endpoint is null ? null : new Uri(s3Endpoint), ConnectionString = string.Empty, Region = null }, NoEnvironment));

        Assert.Equal(expected, error.Message);
        Assert.IsType<StorageException>(error.InnerException);
    }

    [Fact]
    public void Create_NamesTheConnectionStringFlagAndVariable_WhenTheConnectionStringDoesNotParse()
    {
        var error = Assert.Throws<IssuerSyncException>(() => TargetLoading.Create("azblob:https://acct.blob.core.windows.net/oidc", new TargetSettings { ConnectionString = "AccountName=acct;not a connection string" }, NoEnvironment));

        Assert.StartsWith("the storage connection string for target 'azblob:https://acct.blob.core.windows.net/oidc' is not valid (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(". Hint: give --connection-string / AZURE_STORAGE_CONNECTION_STRING as az storage account show-connection-string -n ACCOUNT prints it", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a connection string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_REGION", "eu-west-1", "https://oidc-bucket.s3.eu-west-1.amazonaws.com/c1/openid/v1/jwks")]
    [InlineData("AWS_DEFAULT_REGION", "us-west-2", "https://oidc-bucket.s3.us-west-2.amazonaws.com/c1/openid/v1/jwks")]
    public void Create_TakesTheRegionFromTheEnvironment_WhenNoRegionFlagIsGiven(string variable, string region, string expected)
    {
        var target = TargetLoading.Create("s3://oidc-bucket/c1", new TargetSettings(), name => name == variable ? region : null);

        Assert.Equal(expected, target.LocationOf("openid/v1/jwks"));
    }

    [Fact]
    public void Create_PrefersTheRegionFlag_ToTheEnvironment()
    {
        var target = TargetLoading.Create("s3://oidc-bucket/c1", new TargetSettings { Region = "ap-south-1" }, _ => "eu-west-1");

        Assert.Equal("https://oidc-bucket.s3.ap-south-1.amazonaws.com/c1/openid/v1/jwks", target.LocationOf("openid/v1/jwks"));
    }

    [Fact]
    public void Create_TakesTheConnectionStringFromTheEnvironment_WhenNoFlagIsGiven()
    {
        const string azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
        var target = "azblob:http://127.0.0.1:10000/devstoreaccount1/oidc";

        var withVariable = TargetLoading.Create(target, new TargetSettings(), name => name == TargetLoading.ConnectionStringVariable ? azurite : null);
        var without = Assert.Throws<IssuerSyncException>(() => TargetLoading.Create(target, new TargetSettings(), NoEnvironment));

        Assert.Equal("azblob:http://127.0.0.1:10000/devstoreaccount1/oidc", withVariable.DisplayName);
        Assert.Contains("Hint: pass --connection-string or set AZURE_STORAGE_CONNECTION_STRING", without.Message, StringComparison.Ordinal);
    }

    private static string? NoEnvironment(string name) => null;

    private string Key() => _temp.NewRsaPublicKeyFile();
}
