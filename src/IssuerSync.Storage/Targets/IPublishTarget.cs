namespace IssuerSync.Storage.Targets;

/// <summary>
/// Where the documents are served from: a directory, a blob container, a bucket. Paths are relative
/// to the issuer ("openid/v1/jwks"); the target maps them to its own names.
/// The members with a body are what a blob store adds (metadata, HEAD, conditional writes, request
/// counts); a target without them (a directory) keeps the defaults.
/// </summary>
public interface IPublishTarget
{
    /// <summary>The target as the user named it, without secrets: "dir:/srv/oidc".</summary>
    string DisplayName { get; }

    /// <summary>Whether the target keeps Content-Type and Cache-Control with each document (a directory does not: its web server sets them).</summary>
    bool StoresHeaders { get; }

    /// <summary>Whether the target keeps <see cref="DocumentContent.Metadata"/> and answers <see cref="ReadPropertiesAsync"/> without the bytes.</summary>
    bool StoresMetadata => false;

    /// <summary>The requests this target has sent so far.</summary>
    RequestCounter Requests => UncountedRequests.Counter;

    /// <summary>
    /// The public URL the documents' paths are relative to (the storage URL, or the public base URL
    /// given for a CDN, a static website or a custom domain), or null when the target cannot know it.
    /// </summary>
    Uri? PublicBaseUrl => null;

    /// <summary>The storage URL of <paramref name="path"/> that must answer anonymous GETs, or null when the target needs no such check.</summary>
    Uri? AnonymousReadUrlOf(string path) => null;

    /// <summary>How to make <see cref="AnonymousReadUrlOf"/> readable without credentials (a command the user can run), for the host to word.</summary>
    StorageHint AnonymousReadFix => new("allow anonymous read access to the documents");

    /// <summary>Where the document at <paramref name="path"/> lives, for messages: a file path, a blob URL.</summary>
    string LocationOf(string path);

    /// <summary>The stored document at <paramref name="path"/>, or null when there is none.</summary>
    Task<StoredDocument?> ReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>The stored document's properties (one HEAD request), or null when there is none.</summary>
    async Task<StoredProperties?> ReadPropertiesAsync(string path, CancellationToken cancellationToken = default)
        => await ReadAsync(path, cancellationToken).ConfigureAwait(false) is { } stored
            ? new StoredProperties(stored.ETag, stored.ContentType, stored.CacheControl, stored.Bytes.Length) { Metadata = stored.Metadata, LastModified = stored.LastModified }
            : null;

    /// <summary>Replaces the document at <paramref name="path"/> as one atomic step: readers see the old or the new bytes, never a mix.</summary>
    Task WriteAsync(string path, DocumentContent content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the document only if <paramref name="condition"/> holds (else throws
    /// <see cref="StorageConflictException"/>); returns the new ETag where the target has one.
    /// </summary>
    async Task<string?> WriteAsync(string path, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        await WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Checks, before the first write, that the target exists and is usable (container present, readable anonymously).</summary>
    Task PrepareAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
