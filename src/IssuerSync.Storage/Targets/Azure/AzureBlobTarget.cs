using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace IssuerSync.Storage.Targets.Azure;

/// <summary>
/// Documents as block blobs in an Azure Storage container (or Azurite), under an optional prefix.
/// Every write is one Put Blob with Content-Type, Cache-Control and metadata, conditional on the
/// ETag read before (If-Match) or on absence (If-None-Match: *). Transient faults are retried by the
/// SDK's exponential retry policy; every attempt is counted.
/// </summary>
public sealed class AzureBlobTarget : BlobStoreTarget
{
    private readonly BlobContainerClient _container;
    private readonly AzureBlobLocation _location;
    private readonly AzureBlobTargetOptions _options;
    private readonly bool _usesSas;
    private readonly StrongBox<int> _prepared;

    private AzureBlobTarget(BlobContainerClient container, AzureBlobLocation location, AzureBlobTargetOptions options, bool usesSas, StrongBox<int> prepared)
        : base(
            AzureBlobLocation.Scheme + location.PublicText,
            options.PublicBaseUrl ?? (location.Container == "$web" ? null : new Uri(location.PublicText)),
            options.RequireAnonymousRead)
    {
        _prepared = prepared;
        _container = container;
        _location = location;
        _options = options;
        _usesSas = usesSas;
    }

    public AzureBlobLocation Location => _location;

    public override StorageHint AnonymousReadFix => new(
        $"az storage container-rm update --storage-account {_location.AccountName} --name {_location.Container} --public-access blob " +
        "(if the account forbids it, set allowBlobPublicAccess=true, or publish to the $web static website with {0}). " +
        "Without it Entra ID fails with AADSTS90061 and AWS STS with InvalidIdentityToken",
        new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Mention, "https://ACCOUNT.zNN.web.core.windows.net"));

    /// <summary>
    /// The target for <paramref name="location"/> through a ready client, which the host built (with the credential
    /// it chose) using <see cref="AzureBlobClients"/> and <see cref="AzureBlobClients.Options"/> of <paramref name="options"/>.
    /// </summary>
    public static AzureBlobTarget Create(BlobContainerClient container, AzureBlobLocation location, AzureBlobTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        var website = location.Container == "$web";
        if (website && options.PublicBaseUrl is null)
        {
            var endpoint = $"https://{location.AccountName}.zNN.web.core.windows.net{(location.Prefix.Length > 0 ? "/" + location.Prefix : string.Empty)}";
            throw new StorageException(
                StorageErrorCodes.PublicBaseUrlMissing,
                $"target '{AzureBlobLocation.Scheme}{location.PublicText}' is the static website container: " +
                "its documents are served at the website endpoint, not the blob URL",
                new StorageHint(
                    "{0} (az storage account show -n ACCOUNT --query primaryEndpoints.web)",
                    new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Set, endpoint)));
        }

        var own = options with { RequireAnonymousRead = options.RequireAnonymousRead && !website };
        return new AzureBlobTarget(container, location, own, usesSas: location.Sas is not null, new StrongBox<int>());
    }

    /// <summary>The same container, credentials and counter with <paramref name="folder"/> appended to the prefix (many issuers, one client).</summary>
    public AzureBlobTarget Under(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var location = _location with { Prefix = _location.BlobNameOf(folder.Trim('/')) };
        var options = _options with { PublicBaseUrl = PublicBaseUrlUnder(PublicBaseUrl, folder) };
        return new AzureBlobTarget(_container, location, options, _usesSas, _prepared);
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _prepared.Value) == 1)
        {
            return;
        }

        BlobContainerProperties properties;
        try
        {
            properties = (await _container.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw AzureBlobErrors.ContainerMissing($"{DisplayName}: the container '{_location.Container}' does not exist (HTTP 404)", _location, e);
        }
        catch (RequestFailedException e) when (e.Status == 403 && _usesSas)
        {
            Volatile.Write(ref _prepared.Value, 1);
            return; // a blob-scoped SAS may not read container properties; the anonymous GET after the write still checks access
        }
        catch (Exception e) when (StorageFaults.IsFault(e, cancellationToken))
        {
            throw Failed(e, $"read the container '{_location.Container}'");
        }

        if (RequireAnonymousRead && properties.PublicAccess is null or PublicAccessType.None)
        {
            throw new StorageException(
                StorageErrorCodes.NotAnonymouslyReadable,
                $"{DisplayName}: the container '{_location.Container}' does not allow anonymous read, " +
                "so clouds cannot fetch the issuer's documents; nothing was written",
                AnonymousReadFix);
        }

        Volatile.Write(ref _prepared.Value, 1);
    }

    protected override Uri StorageUrlOf(string path) => _location.BlobUrlOf(path);

    protected override async Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = (await Blob(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            var details = result.Details;
            return new StoredDocument(result.Content.ToArray(), details.ContentType, details.CacheControl, details.ETag.ToString())
            {
                Metadata = Lower(details.Metadata),
                LastModified = details.LastModified,
            };
        }
        catch (RequestFailedException e) when (IsMissingBlob(e))
        {
            return null;
        }
    }

    protected override async Task<StoredProperties?> HeadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Blob(path).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new StoredProperties(properties.ETag.ToString(), properties.ContentType, properties.CacheControl, properties.ContentLength)
            {
                Metadata = Lower(properties.Metadata),
                LastModified = properties.LastModified,
            };
        }
        catch (RequestFailedException e) when (IsMissingBlob(e))
        {
            return null;
        }
    }

    protected override async Task<string?> PutAsync(string path, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken)
    {
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = content.ContentType, CacheControl = content.CacheControl },
            Metadata = content.Metadata.ToDictionary(m => m.Key, m => m.Value),
            Conditions = condition.IfMatch is { } etag ? new BlobRequestConditions { IfMatch = new ETag(etag) }
                : condition.IfNoneExists ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : null,
        };
        var info = await Blob(path).UploadAsync(new BinaryData(content.Bytes), upload, cancellationToken).ConfigureAwait(false);
        return info.Value.ETag.ToString();
    }

    protected override StorageException Failed(Exception exception, string action) => AzureBlobErrors.From(exception, action, DisplayName, _location);

    private BlobClient Blob(string path) => _container.GetBlobClient(_location.BlobNameOf(path));

    /// <summary>A 404 for the blob itself; a missing container (ContainerNotFound) is an error with its own hint.</summary>
    private static bool IsMissingBlob(RequestFailedException e) => e.Status == 404 && e.ErrorCode is null or "BlobNotFound";

    private static Dictionary<string, string> Lower(IDictionary<string, string>? metadata)
        => metadata?.ToDictionary(m => m.Key.ToLowerInvariant(), m => m.Value) ?? [];
}
