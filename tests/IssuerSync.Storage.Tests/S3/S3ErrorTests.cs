using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>
/// Failures only AWS produces, from a loopback server answering as S3 does (so the SDK raises what it raises against
/// AWS): a bucket in another region, and a default credential chain that finds nothing.
/// </summary>
public sealed class S3ErrorTests
{
    private const string Jwks = "openid/v1/jwks";

    public static TheoryData<string, int, string, string, string?, string> RegionAnswers => new()
    {
        // GET or PUT at the regional endpoint of another region: a redirect naming the region in its header.
        { "GET", 301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", "eu-west-1", "(HTTP 301 PermanentRedirect)" },
        { "PUT", 301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", "eu-west-1", "(HTTP 301 PermanentRedirect)" },
        { "PUT", 307, "TemporaryRedirect", "Please re-send this request to the specified temporary endpoint. Continue to use the original request endpoint for future requests.", "eu-west-1", "(HTTP 307 TemporaryRedirect)" },
        // A HEAD has no body: the status and the header are all S3 says.
        { "HEAD", 301, "PermanentRedirect", string.Empty, "eu-west-1", "(HTTP 301 MovedPermanently)" },
        { "HEAD", 400, "AuthorizationHeaderMalformed", string.Empty, "eu-west-1", "(HTTP 400 BadRequest)" },
        // Signed for another region: the region is in the message even without the header.
        { "GET", 400, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'", null, "(HTTP 400 AuthorizationHeaderMalformed)" },
    };

    [Theory]
    [MemberData(nameof(RegionAnswers))]
    public async Task Requests_FailNamingTheRegionS3Reported_WhenTheBucketIsInAnotherRegion(string method, int status, string code, string message, string? header, string answer)
    {
        await using var server = await S3ErrorServer.StartAsync((HttpStatusCode)status, code, message, Headers(header));
        var target = Target(server);

        var error = await Assert.ThrowsAsync<StorageException>(() => Send(target, method));

        Assert.Equal(StorageErrorCodes.RegionWrong, error.Code);
        Assert.Equal($"s3://oidc-bucket/c1: cannot {(method == "PUT" ? "write" : "read")} {target.LocationOf(Jwks)}: the bucket 'oidc-bucket' is in region eu-west-1, not us-east-1 {answer}", error.Message);
        Assert.Equal(new SettingFix(StorageSetting.Region, SettingChange.Set, "eu-west-1"), Assert.Single(error.Hint!.Settings));
        Assert.Equal("pass --region eu-west-1, the region S3 reported for the bucket", error.Hint.Format(fix => $"pass --region {fix.Value}"));
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData(301, "PermanentRedirect", "(HTTP 301 PermanentRedirect)")]
    [InlineData(400, "AuthorizationHeaderMalformed", "(HTTP 400 AuthorizationHeaderMalformed)")]
    public async Task Requests_FailAskingForTheBucketsRegion_WhenS3DoesNotSayWhichItIs(int status, string code, string answer)
    {
        await using var server = await S3ErrorServer.StartAsync((HttpStatusCode)status, code, "The authorization header is malformed", Headers(null));
        var target = Target(server);

        var error = await Assert.ThrowsAsync<StorageException>(() => target.ReadAsync(Jwks));

        Assert.Equal(StorageErrorCodes.RegionWrong, error.Code);
        Assert.Equal($"s3://oidc-bucket/c1: cannot read {target.LocationOf(Jwks)}: the bucket 'oidc-bucket' is in another region, not us-east-1 {answer}", error.Message);
        Assert.Equal("{0} to the bucket's region ('aws s3api get-bucket-location --bucket oidc-bucket' shows it)", error.Hint!.Text);
        Assert.Equal(new SettingFix(StorageSetting.Region, SettingChange.Set), Assert.Single(error.Hint.Settings));
    }

    [Theory]
    [InlineData(400, "InvalidArgument", null, StorageErrorCodes.RequestFailed)]
    [InlineData(400, "InvalidArgument", "us-east-1", StorageErrorCodes.RequestFailed)]
    [InlineData(400, "InvalidArgument", "not a region", StorageErrorCodes.RequestFailed)]
    [InlineData(404, "NoSuchBucket", "eu-west-1", StorageErrorCodes.BucketMissing)]
    public async Task Requests_AreNotARegionMismatch_WhenS3NamesNoOtherRegionOrRefusesForAnotherReason(int status, string code, string? header, string expected)
    {
        await using var server = await S3ErrorServer.StartAsync((HttpStatusCode)status, code, "Refused", Headers(header));

        var error = await Assert.ThrowsAsync<StorageException>(() => Target(server).ReadAsync(Jwks));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public async Task Requests_FailNamingEverySourceTried_WhenTheDefaultChainFindsNoCredentials()
    {
        using var environment = new NoAwsCredentials();
        await using var server = await S3ErrorServer.StartAsync(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.", Headers(null));
        var location = S3Location.Parse("s3://oidc-bucket/c1");
        var options = new S3TargetOptions { Endpoint = server.Endpoint, PathStyle = true, Region = "us-east-1", MaxRetries = 0 };
        var target = S3Target.Create(new AmazonS3Client(S3Clients.Config(location, options)), location, options);

        var error = await Assert.ThrowsAsync<StorageException>(() => target.ReadAsync(Jwks));

        Assert.Equal(StorageErrorCodes.CredentialUnavailable, error.Code);
        Assert.StartsWith($"s3://oidc-bucket/c1: cannot read {target.LocationOf(Jwks)}: no AWS credentials were found; the default chain tried ", error.Message, StringComparison.Ordinal);
        Assert.All(
            ["AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "shared credentials file", "AWS_WEB_IDENTITY_TOKEN_FILE", "ECS/EKS container credentials", "EC2 instance metadata"],
            source => Assert.Contains(source, error.Message, StringComparison.Ordinal));
        Assert.StartsWith("give credentials to one of them: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, set AWS_PROFILE", error.Hint!.Text, StringComparison.Ordinal);
        Assert.Contains("'aws sts get-caller-identity'", error.Hint.Text, StringComparison.Ordinal);
        Assert.IsType<AmazonClientException>(error.InnerException);
        Assert.Equal(0, server.Requests);
    }

    private static Dictionary<string, string> Headers(string? region) => region is null ? [] : new() { ["x-amz-bucket-region"] = region };

    private static S3Target Target(S3ErrorServer server)
    {
        var location = S3Location.Parse("s3://oidc-bucket/c1");
        var options = new S3TargetOptions { Endpoint = server.Endpoint, PathStyle = true, Region = "us-east-1", MaxRetries = 0 };
        return S3Target.Create(new AmazonS3Client(new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), S3Clients.Config(location, options)), location, options);
    }

    private static Task Send(S3Target target, string method) => method switch
    {
        "GET" => target.ReadAsync(Jwks),
        "HEAD" => target.ReadPropertiesAsync(Jwks),
        _ => target.WriteAsync(Jwks, new DocumentContent("{}"u8.ToArray(), "application/json", "no-cache"), WriteCondition.None),
    };
}
