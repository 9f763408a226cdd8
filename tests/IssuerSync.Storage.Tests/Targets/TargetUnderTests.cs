using Amazon.S3;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Storage.Tests.Targets;

/// <summary>
/// Under(folder): one client, many issuers; each folder's documents are served below the target's public URL. Building a
/// target sends nothing, so no emulator runs here (the Azurite address only matches the development connection string).
/// </summary>
public sealed class TargetUnderTests
{
    [Theory]
    [InlineData("i00001", "https://cdn.example.com/oidc/i00001")]
    [InlineData("/i00001/", "https://cdn.example.com/oidc/i00001")]
    public void Under_AppendsTheFolderToThePublicBaseUrl_OfBothBlobStores(string folder, string expected)
    {
        var publicBase = new Uri("https://cdn.example.com/oidc/");
        var settings = new PublishTargetSettings { PublicBaseUrl = publicBase, Region = "eu-west-1" };
        var s3Options = settings.S3Options(_ => null, new RequestCounter());
        var s3Location = S3Location.Parse("s3://oidc-bucket/c1");
        var s3 = S3Target.Create(new AmazonS3Client(S3Clients.Config(s3Location, s3Options)), s3Location, s3Options);
        var azure = Azure("oidc", settings);

        Assert.Equal(new Uri(expected), s3.Under(folder).PublicBaseUrl);
        Assert.Equal(new Uri(expected), azure.Under(folder).PublicBaseUrl);
    }

    [Fact]
    public void Under_AppendsTheFolderToTheBlobUrl_WhenAnAzureTargetHasNoPublicBaseUrl()
    {
        var azure = Azure("oidc/tenants", new PublishTargetSettings());

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/oidc/tenants/i00001"), azure.Under("i00001").PublicBaseUrl);
    }

    /// <summary>A target in Azurite's development account, built with the development connection string.</summary>
    private static AzureBlobTarget Azure(string path, PublishTargetSettings settings)
    {
        var options = settings.AzureBlobOptions(new RequestCounter());
        var location = AzureBlobLocation.Parse($"http://127.0.0.1:10000/devstoreaccount1/{path}");
        return AzureBlobTarget.Create(
            AzureBlobClients.FromConnectionString("UseDevelopmentStorage=true", location, AzureBlobClients.Options(options)),
            location,
            options);
    }
}
