namespace IssuerSync.Storage.Targets;

/// <summary>
/// Where the documents are served from: a directory (<see cref="IFileTarget"/>) or a blob container or bucket
/// (<see cref="IBlobTarget"/>). Paths are relative to the issuer ("openid/v1/jwks"); the target maps them to its own
/// names. What a target can do beyond reading is the interface it implements, never a flag.
/// </summary>
public interface IPublishTarget
{
    /// <summary>The target as the user named it, without secrets: "dir:/srv/oidc".</summary>
    string DisplayName { get; }

    /// <summary>
    /// The public URL the documents' paths are relative to (the storage URL, or the public base URL
    /// given for a CDN, a static website or a custom domain), or null when the target cannot know it.
    /// </summary>
    Uri? PublicBaseUrl { get; }

    /// <summary>Where the document at <paramref name="path"/> lives, for messages: a file path, a blob URL.</summary>
    string LocationOf(string path);

    /// <summary>The stored document at <paramref name="path"/>, or null when there is none.</summary>
    Task<StoredDocument?> ReadAsync(string path, CancellationToken cancellationToken = default);
}
