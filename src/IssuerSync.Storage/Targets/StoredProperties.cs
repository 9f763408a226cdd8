namespace IssuerSync.Storage.Targets;

/// <summary>What one HEAD request tells about a stored document, without its bytes.</summary>
public sealed record StoredProperties(string? ETag, string? ContentType, string? CacheControl, long Length)
{
    /// <summary>The document's metadata (empty where the target keeps none); names are lower case.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? LastModified { get; init; }

    public string? MetadataValue(string name) => Metadata.TryGetValue(name, out var value) ? value : null;
}
