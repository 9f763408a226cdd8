namespace IssuerSync.Storage.Targets;

/// <summary>
/// Where the documents are served from: a directory, a blob container, a bucket. Paths are relative
/// to the issuer ("openid/v1/jwks"); the target maps them to its own names.
/// </summary>
public interface IPublishTarget
{
    /// <summary>The target as the user named it, without secrets: "dir:/srv/oidc".</summary>
    string DisplayName { get; }

    /// <summary>Whether the target keeps Content-Type and Cache-Control with each document (a directory does not: its web server sets them).</summary>
    bool StoresHeaders { get; }

    /// <summary>Where the document at <paramref name="path"/> lives, for messages: a file path, a blob URL.</summary>
    string LocationOf(string path);

    /// <summary>The stored document at <paramref name="path"/>, or null when there is none.</summary>
    Task<StoredDocument?> ReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Replaces the document at <paramref name="path"/> as one atomic step: readers see the old or the new bytes, never a mix.</summary>
    Task WriteAsync(string path, DocumentContent content, CancellationToken cancellationToken = default);
}
