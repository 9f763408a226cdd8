using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Core.Rotation;
using IssuerSync.Storage.Targets;

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
    private int _containerChecked;

    public AzureBlobStateStore(BlobContainerClient container, string prefix = "")
    {
        _container = container;
        _prefix = prefix;
        DisplayName = $"state azure:{container.Uri.GetLeftPart(UriPartial.Path)}/{prefix}";
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
        catch (RequestFailedException e)
        {
            throw Failed("read", blob.Name, e);
        }
        catch (Exception e) when (IsFault(e, cancellationToken))
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
            catch (RequestFailedException e) when (e.Status == 412 || (e.Status == 409 && e.ErrorCode == BlobErrorCode.BlobAlreadyExists))
            {
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.ContainerNotFound && attempt == 0 && Interlocked.Exchange(ref _containerChecked, 1) == 0)
            {
                await CreateContainerAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e)
            {
                throw Failed("write", blob.Name, e);
            }
            catch (Exception e) when (IsFault(e, cancellationToken))
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
        catch (Exception e) when (e is RequestFailedException || IsFault(e, cancellationToken))
        {
            throw Failed("create the container for", _container.Name, e);
        }
    }

    /// <summary>
    /// Any other failure of the store (credential, network, timeout, throttling after retries) is a storage
    /// failure too, so the publisher answers state_unavailable instead of crashing; only the caller's own
    /// cancellation passes through.
    /// </summary>
    private static bool IsFault(Exception e, CancellationToken cancellationToken)
        => e is not RequestFailedException and not Core.IssuerSyncException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested);

    private StorageException Failed(string what, string name, Exception e) => e is RequestFailedException r
        ? new($"{DisplayName}: cannot {what} {name}: {r.Status} {r.ErrorCode}: check the connection and the identity's 'Storage Blob Data Contributor' role on the container", e)
        : new($"{DisplayName}: cannot {what} {name}: {e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}: check the network path to the account and the app's identity (managed identity or connection string)", e);
}
