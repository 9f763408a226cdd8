using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.Directory;
using IssuerSync.Storage.Targets.S3;
using IssuerSync.Storage.Tests.Azure;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.Targets;

/// <summary>
/// The adapters' failures are host-neutral: a function app has no flags, so no message names one ("--region");
/// each carries its stable code, and the fix is a hint whose settings are named abstractly for the host to word.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class StorageErrorTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly string[] IssuerSyncFlags = ["--public-base-url", "--region", "--connection-string", "--jwks-uri", "--private-origin", "--target", "--s3-endpoint"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("static website without a public base URL", StorageErrorCodes.PublicBaseUrlMissing, StorageSetting.PublicBaseUrl)]
    [InlineData("S3 bucket without a region", StorageErrorCodes.RegionMissing, StorageSetting.Region)]
    [InlineData("S3 endpoint that is not http(s)", StorageErrorCodes.S3EndpointInvalid, StorageSetting.S3Endpoint)]
    [InlineData("connection string that does not parse", StorageErrorCodes.ConnectionStringInvalid, StorageSetting.ConnectionString)]
    [InlineData("connection string of another account", StorageErrorCodes.ConnectionStringOtherAccount, null)]
    [InlineData("jwks_uri outside the issuer", StorageErrorCodes.JwksUriOutsideIssuer, StorageSetting.JwksUri)]
    [InlineData("target not served at the issuer", StorageErrorCodes.TargetUnreachableAtIssuer, StorageSetting.PublicBaseUrl)]
    [InlineData("container missing on Azurite", StorageErrorCodes.ContainerMissing, null)]
    [InlineData("private container on Azurite", StorageErrorCodes.NotAnonymouslyReadable, StorageSetting.PublicBaseUrl)]
    [InlineData("azblob target that is not a URL", StorageErrorCodes.TargetInvalid, null)]
    [InlineData("s3 target with a query", StorageErrorCodes.TargetInvalid, null)]
    [InlineData("S3 bucket in another region", StorageErrorCodes.RegionWrong, StorageSetting.Region)]
    public async Task Failures_CarryTheirCodeAndAHintButNameNoFlag(string failure, string code, StorageSetting? setting)
    {
        var error = await FailAsync(failure);

        Assert.Equal(code, error.Code);
        Assert.DoesNotMatch(FlagSyntax(), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(error.Message.EndsWith('.'), error.Message);
        if (setting is { } expected)
        {
            Assert.Contains(error.Hint!.Settings, s => s.Setting == expected);
        }

        if (error.Hint is { } hint)
        {
            Assert.All(IssuerSyncFlags, flag => Assert.DoesNotContain(flag, hint.Text, StringComparison.Ordinal));
            Assert.All(Enumerable.Range(0, hint.Settings.Count), i => Assert.Contains($"{{{i}}}", hint.Text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Format_WordsEachSettingWhereTheHintPlacesIt()
    {
        var hint = new StorageHint(
            "aws s3 mb s3://b --region REGION, or check {0} / {1}",
            new SettingFix(StorageSetting.Region, SettingChange.Mention),
            new SettingFix(StorageSetting.S3Endpoint, SettingChange.Mention));

        Assert.Equal("aws s3 mb s3://b --region REGION, or check <Region> / <S3Endpoint>", hint.Format(fix => $"<{fix.Setting}>"));
    }

    private async Task<StorageException> FailAsync(string failure)
    {
        var issuer = "https://oidc.example.test/c1";
        switch (failure)
        {
            case "static website without a public base URL":
                var website = AzureBlobLocation.Parse("https://acct.blob.core.windows.net/$web/c1");
                return Assert.Throws<StorageException>(() => AzureBlobTarget.Create(new global::Azure.Storage.Blobs.BlobContainerClient(website.ContainerUrl), website, new AzureBlobTargetOptions()));
            case "S3 bucket without a region":
                return Assert.Throws<StorageException>(() => S3Clients.Config(S3Location.Parse("s3://oidc-bucket/c1"), new S3TargetOptions()));
            case "S3 endpoint that is not http(s)":
                return Assert.Throws<StorageException>(() => S3Clients.Config(S3Location.Parse("s3://oidc-bucket/c1"), new S3TargetOptions { Endpoint = new Uri("ftp://minio.example.com") }));
            case "connection string that does not parse":
                return Assert.Throws<StorageException>(() => AzureBlobClients.FromConnectionString("AccountName=acct;this is not a connection string", AzureBlobLocation.Parse("https://acct.blob.core.windows.net/oidc"), AzureBlobClients.Options(new AzureBlobTargetOptions())));
            case "connection string of another account":
                return Assert.Throws<StorageException>(() => AzureBlobClients.FromConnectionString(azurite.Server.ConnectionString, AzureBlobLocation.Parse("https://acct.blob.core.windows.net/oidc"), AzureBlobClients.Options(new AzureBlobTargetOptions())));
            case "jwks_uri outside the issuer":
                return await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, "https://keys.example.test/jwks", TestKeys.Ec()), Directory(issuer), new PublishOptions()));
            case "target not served at the issuer":
                return await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), Directory("https://cdn.example.test/c1"), new PublishOptions()));
            case "container missing on Azurite":
                var missing = AzuriteTargets.Create(azurite.Server, "missing", string.Empty, issuer);
                return await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), missing, new PublishOptions()));
            case "private container on Azurite":
                var container = await azurite.CreateContainerAsync(PublicAccessType.None);
                var hidden = AzuriteTargets.Create(azurite.Server, container, string.Empty, issuer);
                return await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), hidden, new PublishOptions()));
            case "azblob target that is not a URL":
                return Assert.Throws<StorageException>(() => AzureBlobLocation.Parse("acct/oidc"));
            case "s3 target with a query":
                return Assert.Throws<StorageException>(() => S3Location.Parse("s3://oidc-bucket?x=1"));
            case "S3 bucket in another region":
                await using (var redirect = await S3.S3ErrorServer.StartAsync(System.Net.HttpStatusCode.MovedPermanently, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint.", new Dictionary<string, string> { ["x-amz-bucket-region"] = "eu-west-1" }))
                {
                    return await Assert.ThrowsAsync<StorageException>(() => S3Target(redirect.Endpoint, new Amazon.Runtime.BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "secret")).ReadAsync("openid/v1/jwks"));
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
    }

    private static S3Target S3Target(Uri endpoint, Amazon.Runtime.AWSCredentials credentials)
    {
        var location = S3Location.Parse("s3://oidc-bucket/c1");
        var options = new S3TargetOptions { Endpoint = endpoint, PathStyle = true, Region = "us-east-1", MaxRetries = 0 };
        return Storage.Targets.S3.S3Target.Create(new Amazon.S3.AmazonS3Client(credentials, S3Clients.Config(location, options)), location, options);
    }

    private DirectoryTarget Directory(string publicBase) => new(_temp.Path) { PublicBaseUrl = new Uri(publicBase) };

    /// <summary>"--" followed by a letter: a flag, wherever it stands.</summary>
    [GeneratedRegex("--[a-z]")]
    private static partial Regex FlagSyntax();
}
