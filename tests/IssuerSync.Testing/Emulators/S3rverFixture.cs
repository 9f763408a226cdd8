using Amazon.Runtime;
using Amazon.S3;
using Xunit;

namespace IssuerSync.Testing.Emulators;

/// <summary>One s3rver for a test run, shared through an xunit collection; each test takes its own bucket.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private S3rverServer? _server;

    public S3rverServer Server => _server ?? throw new InvalidOperationException("s3rver has not started");

    /// <summary>The emulator's fixed credentials (S3RVER/S3RVER).</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey);

    /// <summary>Creates a bucket and returns its name.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var name = "b" + Guid.NewGuid().ToString("N")[..20];
        using var client = new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = Server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutBucketAsync(name).ConfigureAwait(false);
        return name;
    }

    public Task InitializeAsync()
    {
        _server = new S3rverServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
