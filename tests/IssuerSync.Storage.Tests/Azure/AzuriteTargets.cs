using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.Azure;

/// <summary>Targets on Azurite through its connection string, with retries short enough for tests.</summary>
internal static class AzuriteTargets
{
    /// <summary>A target for CONTAINER/PREFIX served at <paramref name="issuer"/>.</summary>
    public static AzureBlobTarget Create(AzuriteBlobServer server, string container, string prefix, string issuer)
        => Create(server, container, prefix, new AzureBlobTargetOptions { PublicBaseUrl = new Uri(issuer) });

    /// <summary>A target for CONTAINER/PREFIX with <paramref name="options"/>, its retries shortened.</summary>
    public static AzureBlobTarget Create(AzuriteBlobServer server, string container, string prefix, AzureBlobTargetOptions options)
    {
        options = options with { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(100), NetworkTimeout = TimeSpan.FromSeconds(5) };
        var location = AzureBlobLocation.Parse($"{server.BlobEndpoint}/{container}/{prefix}");
        return AzureBlobTarget.Create(AzureBlobClients.FromConnectionString(server.ConnectionString, location, AzureBlobClients.Options(options)), location, options);
    }
}
