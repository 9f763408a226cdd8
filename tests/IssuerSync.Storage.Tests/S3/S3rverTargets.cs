using Amazon.S3;
using IssuerSync.Storage.Targets.S3;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>Targets on s3rver (path style, its fixed credentials), with retries short enough for tests.</summary>
internal static class S3rverTargets
{
    /// <summary>A target for s3://BUCKET[/PREFIX] with <paramref name="options"/>, addressed at the emulator and its retries shortened.</summary>
    public static S3Target Create(S3rverServer server, string bucket, string prefix, S3TargetOptions options)
        => Create(server.Endpoint, bucket, prefix, options);

    /// <summary>The same, addressed at <paramref name="endpoint"/> (a proxy in front of the emulator).</summary>
    public static S3Target Create(Uri endpoint, string bucket, string prefix, S3TargetOptions options)
    {
        var location = S3Location.Parse($"s3://{bucket}{(prefix.Length > 0 ? "/" + prefix : string.Empty)}");
        options = options with { Endpoint = endpoint, PathStyle = true, Region = "us-east-1", MaxRetries = 1, Timeout = TimeSpan.FromSeconds(5) };
        return S3Target.Create(new AmazonS3Client(S3rverFixture.Credentials, S3Clients.Config(location, options)), location, options);
    }
}
