using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.State;
using IssuerSync.Storage.State.Azure;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;

namespace IssuerSync.Publisher.Hosting;

/// <summary>
/// The state store named by <see cref="PublisherSettings.StateStore"/>: <c>dir:PATH</c>, or <c>azblob:URL</c> of a
/// private container (with the connection string of the setting <see cref="PublisherSettings.Connection"/> names,
/// a SAS in the URL, or the app's managed identity).
/// </summary>
public static class StateStoreFactory
{
    public static IIssuerStateStore Create(PublisherSettings settings, Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var spec = settings.StateStore;
        if (spec.StartsWith("dir:", StringComparison.Ordinal) && spec.Length > "dir:".Length)
        {
            return new DirectoryStateStore(spec["dir:".Length..]);
        }

        if (!spec.StartsWith(AzureBlobLocation.Scheme, StringComparison.Ordinal))
        {
            throw new StorageException($"state store '{AzureBlobLocation.Redact(spec)}' is not dir:PATH or azblob:URL");
        }

        var location = AzureBlobLocation.Parse(spec[AzureBlobLocation.Scheme.Length..]);
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        var prefix = location.Prefix.Length > 0 ? location.Prefix + "/" : string.Empty;
        var connection = ConnectionSetting.Resolve(settings.Connection, setting, "IssuerSync__Connection");
        BlobContainerClient container;
        if (connection is not null)
        {
            try
            {
                container = new BlobServiceClient(connection, options).GetBlobContainerClient(location.Container);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new StorageException(
                    $"the state store's connection string (app setting '{settings.Connection}') is not valid: {e.GetType().Name}: " +
                    "copy it from az storage account show-connection-string -n ACCOUNT",
                    e);
            }
        }
        else if (location.Sas is not null)
        {
            container = new BlobContainerClient(new Uri($"{location.ContainerUrl}?{location.Sas}"), options);
        }
        else
        {
            container = new BlobContainerClient(location.ContainerUrl, new DefaultAzureCredential(), options);
        }

        return new AzureBlobStateStore(container, prefix);
    }
}
