using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.Azure;

/// <summary>One Azurite for the Azure test classes; each test works in its own container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteBlobServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new AzuriteBlobServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public static async Task<string> CreateContainerAsync(AzuriteBlobServer server, PublicAccessType access = PublicAccessType.Blob)
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..20];
        await new BlobServiceClient(server.ConnectionString).GetBlobContainerClient(name).CreateAsync(access);
        return name;
    }

    /// <summary>A target for CONTAINER/PREFIX served at <paramref name="issuer"/>, with retries short enough for tests.</summary>
    public static AzureBlobTarget Target(AzuriteBlobServer server, string container, string prefix, string issuer)
        => AzureBlobTarget.Create($"{server.BlobEndpoint}/{container}/{prefix}", new AzureBlobTargetOptions
        {
            ConnectionString = server.ConnectionString,
            PublicBaseUrl = new Uri(issuer),
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            NetworkTimeout = TimeSpan.FromSeconds(5),
        });
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
