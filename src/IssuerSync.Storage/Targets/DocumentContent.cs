namespace IssuerSync.Storage.Targets;

/// <summary>
/// A document to store, with the headers it is to be served with. <see cref="IBlobTarget"/>s keep the headers and
/// <see cref="Metadata"/> (blob metadata, S3 user metadata); an <see cref="IFileTarget"/> keeps the bytes only.
/// </summary>
public sealed record DocumentContent(byte[] Bytes, string ContentType, string CacheControl)
{
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
