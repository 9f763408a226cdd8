using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Tests.Targets;

/// <summary>The one mapping from a target's settings (CLI flags, publisher issuer settings) to each adapter's options.</summary>
public sealed class PublishTargetSettingsTests
{
    private static readonly Uri PublicBase = new("https://cdn.example.com/issuer");

    [Theory]
    [InlineData("eu-central-1", "us-east-1", "ap-south-1", "eu-central-1")]
    [InlineData(null, "us-east-1", "ap-south-1", "us-east-1")]
    [InlineData(null, null, "ap-south-1", "ap-south-1")]
    [InlineData(null, null, null, null)]
    public void S3Options_TakeTheRegionThenAwsRegionThenAwsDefaultRegion(string? region, string? awsRegion, string? awsDefaultRegion, string? expected)
    {
        var settings = new PublishTargetSettings { Region = region };
        var environment = new Dictionary<string, string?> { ["AWS_REGION"] = awsRegion, ["AWS_DEFAULT_REGION"] = awsDefaultRegion };

        var options = settings.S3Options(name => environment.GetValueOrDefault(name), new RequestCounter());

        Assert.Equal(expected, options.Region);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Options_RequireAnonymousRead_UnlessThePrivateOriginIsSet(bool privateOrigin, bool requireAnonymousRead)
    {
        var settings = new PublishTargetSettings { PrivateOrigin = privateOrigin };

        Assert.Equal(requireAnonymousRead, settings.AzureBlobOptions(new RequestCounter()).RequireAnonymousRead);
        Assert.Equal(requireAnonymousRead, settings.S3Options(_ => null, new RequestCounter()).RequireAnonymousRead);
    }

    [Fact]
    public void Options_CarryThePublicUrlTheS3AddressingAndTheHostsCounter()
    {
        var requests = new RequestCounter();
        var settings = new PublishTargetSettings { PublicBaseUrl = PublicBase, S3Endpoint = new Uri("http://127.0.0.1:4568"), S3PathStyle = true };

        var s3 = settings.S3Options(_ => null, requests);
        var azure = settings.AzureBlobOptions(requests);
        var directory = settings.DirectoryAt("out/issuer", requests);

        Assert.Equal((PublicBase, new Uri("http://127.0.0.1:4568"), true), (s3.PublicBaseUrl, s3.Endpoint, s3.PathStyle));
        Assert.Same(requests, s3.Requests);
        Assert.Equal(PublicBase, azure.PublicBaseUrl);
        Assert.Same(requests, azure.Requests);
        Assert.Equal((PublicBase, "dir:out/issuer"), (directory.PublicBaseUrl, directory.DisplayName));
        Assert.Same(requests, directory.Requests);
    }
}
