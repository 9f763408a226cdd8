namespace IssuerSync.Storage.Tests.Targets.Contract;

/// <summary>A document as a reader gets it; the headers are null where the store leaves them to a web server.</summary>
public sealed record ServedDocument(byte[] Bytes, string? ContentType, string? CacheControl);
