namespace IssuerSync.Storage.Targets;

/// <summary>A document as a target holds it. Headers are null where the target does not keep them.</summary>
public sealed record StoredDocument(byte[] Bytes, string? ContentType, string? CacheControl, string? ETag);
