namespace IssuerSync.Storage.Targets;

/// <summary>
/// A document to store, with the headers it is to be served with. <see cref="Metadata"/> is kept by
/// targets that store metadata (blob metadata, S3 user metadata) and ignored by the others.
/// </summary>
public sealed record DocumentContent(byte[] Bytes, string ContentType, string CacheControl)
{
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
