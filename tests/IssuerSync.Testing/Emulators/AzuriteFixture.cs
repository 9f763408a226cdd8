using Xunit;
using Azure.Storage.Blobs;

namespace IssuerSync.Testing.Emulators;

/// <summary>One Azurite Blob service for the Azure state-store tests; each test takes its own container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteBlobServer? _server;

    public BlobContainerClient NewContainer() => new(_server!.ConnectionString, $"state-{Guid.NewGuid():N}");

    public Task InitializeAsync()
    {
        _server = new AzuriteBlobServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
