using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Xunit;

namespace IssuerSync.Testing.Emulators;

/// <summary>
/// One Azurite Blob service for a test run: a test project shares it through an xunit collection
/// (<c>[CollectionDefinition] … : ICollectionFixture&lt;AzuriteFixture&gt;</c>) or a class fixture; each test takes its own container.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteBlobServer? _server;

    public AzuriteBlobServer Server => _server ?? throw new InvalidOperationException("Azurite has not started");

    /// <summary>A client for a container that does not exist yet (the state store creates its own, private).</summary>
    public BlobContainerClient NewContainer() => new(Server.ConnectionString, $"state-{Guid.NewGuid():N}");

    /// <summary>Creates a container with <paramref name="access"/> (anonymous blob reads by default, as a publish target needs) and returns its name.</summary>
    public async Task<string> CreateContainerAsync(PublicAccessType access = PublicAccessType.Blob)
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..20];
        await new BlobServiceClient(Server.ConnectionString).GetBlobContainerClient(name).CreateAsync(access).ConfigureAwait(false);
        return name;
    }

    public Task InitializeAsync()
    {
        _server = new AzuriteBlobServer();
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
