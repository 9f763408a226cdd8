using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Verification;

/// <summary>A well-formed key of a published JWKS, under the kid it is published with.</summary>
public sealed record PublishedKey(string Kid, ServiceAccountKey Key);
