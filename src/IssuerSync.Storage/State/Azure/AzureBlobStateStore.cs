using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Core.Rotation;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;

namespace IssuerSync.Storage.State.Azure;

/// <summary>
/// State documents as blobs ({prefix}{issuerId}.json) in a PRIVATE container. Writes are
/// conditional on the server: If-Match with the ETag read, or If-None-Match: * to create; a lost
/// race comes back as 412/409 and is reported as a conflict for the caller to re-read.
/// </summary>
public sealed class AzureBlobStateStore : IIssuerStateStore
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly AzureBlobLocation _location;
    private int _containerChecked;

    public AzureBlobStateStore(BlobContainerClient container, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _prefix = prefix;
        DisplayName = $"state azure:{container.Uri.GetLeftPart(UriPartial.Path)}/{prefix}";
        var containerUrl = container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _location = new AzureBlobLocation(new Uri(containerUrl[..containerUrl.LastIndexOf('/')]), container.Name, prefix.Trim('/'), null);
    }

    public string DisplayName { get; }

    public async Task<StateSnapshot?> ReadAsync(string issuerId, CancellationToken cancellationToken = default)
    {
        var blob = Blob(issuerId);
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new StateSnapshot(IssuerStateJson.Read(result.Value.Content.ToMemory().Span, blob.Name), result.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (StorageFaults.IsFault(e, cancellationToken))
        {
            throw Failed("read", blob.Name, e);
        }
    }

    public async Task<string?> TryWriteAsync(string issuerId, IssuerState state, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var blob = Blob(issuerId);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = ifMatch is null
                ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : new BlobRequestConditions { IfMatch = new ETag(ifMatch) },
        };
        var content = BinaryData.FromBytes(IssuerStateJson.Write(state));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
                return response.Value.ETag.ToString();
            }
            catch (RequestFailedException e) when (AzureBlobErrors.IsConflict(e))
            {
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 404
                && e.ErrorCode == BlobErrorCode.ContainerNotFound
                && attempt == 0
                && Interlocked.Exchange(ref _containerChecked, 1) == 0)
            {
                await CreateContainerAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (StorageFaults.IsFault(e, cancellationToken))
            {
                throw Failed("write", blob.Name, e);
            }
        }
    }

    private BlobClient Blob(string issuerId) => _container.GetBlobClient($"{_prefix}{issuerId}.json");

    private async Task CreateContainerAsync(CancellationToken cancellationToken)
    {
        try
        {
            // No public access: the state is private, unlike the published documents.
            await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFaults.IsFault(e, cancellationToken))
        {
            throw Failed("create the container for", _container.Name, e);
        }
    }

    /// <summary>
    /// Any failure of the store (credential, network, timeout, throttling after retries) is a storage failure, worded and
    /// coded as the publish target's, so the publisher answers state_unavailable instead of crashing.
    /// </summary>
    private StorageException Failed(string what, string name, Exception e) => AzureBlobErrors.From(e, $"{what} {name}", DisplayName, _location);
}
