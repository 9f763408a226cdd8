namespace IssuerSync.Core.Verification;

/// <summary>The JWKS findings and the well-formed keys, which a token is then checked against.</summary>
public sealed record JwksCheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<PublishedKey> Keys, int? CacheMaxAgeSeconds);
