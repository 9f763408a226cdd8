namespace IssuerSync.Storage.Targets;

/// <summary>A document to store, with the headers it is to be served with.</summary>
public sealed record DocumentContent(byte[] Bytes, string ContentType, string CacheControl);
