using Azure.Core;
using Azure.Storage.Blobs;

namespace IssuerSync.Storage.Targets.Azure;

/// <summary>
/// Builds the container client of an azblob: target from what the host chose: a connection string, the SAS in the
/// URL, or a credential. Reads no environment variable and picks no credential.
/// </summary>
public static class AzureBlobClients
{
    /// <summary>
    /// Retries as <paramref name="options"/> say, SDK logging off, and every attempt counted in
    /// <see cref="AzureBlobTargetOptions.Requests"/>.
    /// </summary>
    public static BlobClientOptions Options(AzureBlobTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new BlobClientOptions();
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.MaxRetries = options.MaxRetries;
        client.Retry.Delay = options.RetryDelay;
        client.Retry.MaxDelay = options.MaxRetryDelay;
        client.Retry.NetworkTimeout = options.NetworkTimeout;
        client.Diagnostics.IsLoggingEnabled = false;
        client.Diagnostics.IsDistributedTracingEnabled = false;
        client.AddPolicy(new CountingPolicy(options.Requests), HttpPipelinePosition.PerRetry);
        return client;
    }

    /// <summary>
    /// The container of <paramref name="location"/> through the account of <paramref name="connectionString"/>, which must be
    /// the target's account.
    /// </summary>
    public static BlobContainerClient FromConnectionString(string connectionString, AzureBlobLocation location, BlobClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(location);
        BlobServiceClient service;
        try
        {
            service = new BlobServiceClient(connectionString, options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageException(
                StorageErrorCodes.ConnectionStringInvalid,
                $"the storage connection string for target '{AzureBlobLocation.Scheme}{location.PublicText}' is not valid ({e.GetType().Name})",
                new StorageHint(
                    "give {0} as az storage account show-connection-string -n ACCOUNT prints it",
                    new SettingFix(StorageSetting.ConnectionString, SettingChange.Mention)));
        }

        var serviceUrl = service.Uri.ToString().TrimEnd('/');
        var wantedUrl = location.AccountUrl.ToString().TrimEnd('/');
        if (!string.Equals(serviceUrl, wantedUrl, StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(
                StorageErrorCodes.ConnectionStringOtherAccount,
                $"the storage connection string is for {serviceUrl} but the target names {wantedUrl}",
                new StorageHint("use the connection string of that account, or the target URL of the connection string's account"));
        }

        return service.GetBlobContainerClient(location.Container);
    }

    /// <summary>The container through the SAS token of <paramref name="location"/> (which must carry one).</summary>
    public static BlobContainerClient FromSas(AzureBlobLocation location, BlobClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Sas is { } sas
            ? new BlobContainerClient(new Uri($"{location.ContainerUrl}?{sas}"), options)
            : throw new ArgumentException($"target '{AzureBlobLocation.Scheme}{location.PublicText}' carries no SAS token", nameof(location));
    }

    /// <summary>The container through a token credential (managed identity, workload identity, 'az login'), as the host chose it.</summary>
    public static BlobContainerClient FromCredential(AzureBlobLocation location, TokenCredential credential, BlobClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new BlobContainerClient(location.ContainerUrl, credential, options);
    }
}
