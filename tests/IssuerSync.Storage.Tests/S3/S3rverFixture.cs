using Amazon.Runtime;
using Amazon.S3;
using IssuerSync.Storage.Targets.S3;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>One s3rver for the S3 test classes; each test works in its own bucket.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public S3rverServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new S3rverServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public static async Task<string> CreateBucketAsync(S3rverServer server)
    {
        var name = "b" + Guid.NewGuid().ToString("N")[..20];
        using var client = new AmazonS3Client(
            new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey),
            new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutBucketAsync(name);
        return name;
    }

    /// <summary>A target for s3://BUCKET/PREFIX on s3rver, path style, served at <paramref name="issuer"/>, with short retries.</summary>
    public static S3Target Target(S3rverServer server, string bucket, string prefix, string issuer)
    {
        var location = S3Location.Parse($"s3://{bucket}{(prefix.Length > 0 ? "/" + prefix : string.Empty)}");
        var options = new S3TargetOptions
        {
            Endpoint = server.Endpoint,
            PathStyle = true,
            Region = "us-east-1",
            PublicBaseUrl = new Uri(issuer),
            MaxRetries = 1,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var client = new AmazonS3Client(new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey), S3Clients.Config(location, options));
        return S3Target.Create(client, location, options);
    }
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
