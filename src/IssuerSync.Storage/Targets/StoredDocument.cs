namespace IssuerSync.Storage.Targets;

/// <summary>A document as a target holds it. Headers are null where the target does not keep them.</summary>
public sealed record StoredDocument(byte[] Bytes, string? ContentType, string? CacheControl, string? ETag)
{
    /// <summary>The document's metadata (empty where the target keeps none); names are lower case.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? LastModified { get; init; }
}
