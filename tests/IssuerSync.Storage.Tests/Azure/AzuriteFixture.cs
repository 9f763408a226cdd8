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
        => Target(server, container, prefix, new AzureBlobTargetOptions { PublicBaseUrl = new Uri(issuer) });

    /// <summary>A target for CONTAINER/PREFIX through the emulator's connection string, with <paramref name="options"/> and short retries.</summary>
    public static AzureBlobTarget Target(AzuriteBlobServer server, string container, string prefix, AzureBlobTargetOptions options)
    {
        options.MaxRetries = 1;
        options.RetryDelay = TimeSpan.FromMilliseconds(50);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
        options.NetworkTimeout = TimeSpan.FromSeconds(5);
        var location = AzureBlobLocation.Parse($"{server.BlobEndpoint}/{container}/{prefix}");
        return AzureBlobTarget.Create(AzureBlobClients.FromConnectionString(server.ConnectionString, location, AzureBlobClients.Options(options)), location, options);
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
