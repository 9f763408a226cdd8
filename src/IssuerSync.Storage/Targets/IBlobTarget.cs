namespace IssuerSync.Storage.Targets;

/// <summary>
/// A blob store (Azure Blob Storage, S3): it keeps each document's Content-Type, Cache-Control and metadata, answers a
/// HEAD without the bytes, writes only if a condition holds (If-Match / If-None-Match), and is read by clouds
/// anonymously at its storage URL unless a CDN with its own access serves it.
/// </summary>
public interface IBlobTarget : IPublishTarget
{
    /// <summary>How to make <see cref="AnonymousReadUrlOf"/> readable without credentials (a command the user can run), for the host to word.</summary>
    StorageHint AnonymousReadFix { get; }

    /// <summary>The storage URL of <paramref name="path"/> that must answer anonymous GETs, or null when a private origin needs no such check.</summary>
    Uri? AnonymousReadUrlOf(string path);

    /// <summary>Checks, before the first write, that the store is usable (the container exists and is readable anonymously).</summary>
    Task PrepareAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored document's properties (one HEAD request), or null when there is none.</summary>
    Task<StoredProperties?> ReadPropertiesAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the document, with its headers and <see cref="DocumentContent.Metadata"/>, only if <paramref name="condition"/>
    /// holds (else throws <see cref="StorageConflictException"/>); returns the new ETag.
    /// </summary>
    Task<string?> WriteAsync(string path, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken = default);
}
