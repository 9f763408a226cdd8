using Amazon.Runtime;
using Amazon.S3;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Storage.Tests.S3;

public sealed class S3LocationTests
{
    [Theory]
    [InlineData("s3://oidc-bucket", "oidc-bucket", "")]
    [InlineData("s3://oidc-bucket/", "oidc-bucket", "")]
    [InlineData("s3://oidc.example.com/clusters/c1/", "oidc.example.com", "clusters/c1")]
    public void Parse_SplitsBucketAndPrefix_WhenSpecIsValid(string spec, string bucket, string prefix)
    {
        var location = S3Location.Parse(spec);

        Assert.Equal((bucket, prefix), (location.Bucket, location.Prefix));
    }

    [Theory]
    [InlineData("s3://Bucket", "target 's3://Bucket': 'Bucket' is not a bucket name (3-63 lower-case letters, digits, dots and hyphens): use s3://BUCKET[/PREFIX]")]
    [InlineData("s3://", "target 's3://': '' is not a bucket name (3-63 lower-case letters, digits, dots and hyphens): use s3://BUCKET[/PREFIX]")]
    [InlineData("s3://bucket/a/../b", "target 's3://bucket/a/../b': the prefix 'a/../b' has an empty, '.' or '..' segment: use s3://BUCKET/FOLDER/SUBFOLDER")]
    [InlineData("s3://bucket?x=1", "target 's3://bucket?x=1' has a query or fragment: use s3://BUCKET[/PREFIX]")]
    public void Parse_FailsNamingTheForm_WhenSpecIsInvalid(string spec, string message)
    {
        var error = Assert.Throws<StorageException>(() => S3Location.Parse(spec));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(null, false, "eu-west-1", "https://oidc-bucket.s3.eu-west-1.amazonaws.com/c1/openid/v1/jwks")]
    [InlineData(null, true, "eu-west-1", "https://s3.eu-west-1.amazonaws.com/oidc-bucket/c1/openid/v1/jwks")]
    [InlineData("https://minio.example.com:9000", true, null, "https://minio.example.com:9000/oidc-bucket/c1/openid/v1/jwks")]
    [InlineData("https://r2.example.com", false, "auto", "https://oidc-bucket.r2.example.com/c1/openid/v1/jwks")]
    public void Create_MapsDocumentsToObjectUrls_ForEachAddressingStyle(string? endpoint, bool pathStyle, string? region, string expected)
    {
        var location = S3Location.Parse("s3://oidc-bucket/c1");
        var options = new S3TargetOptions { Endpoint = endpoint is null ? null : new Uri(endpoint), PathStyle = pathStyle, Region = region };
        using var client = new AmazonS3Client(new AnonymousAWSCredentials(), S3Clients.Config(location, options));
        var target = S3Target.Create(client, location, options);

        Assert.Equal(expected, target.LocationOf("openid/v1/jwks"));
        Assert.Equal("s3://oidc-bucket/c1", target.DisplayName);
    }
}
