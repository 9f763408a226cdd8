using IssuerSync.Core.Issuers;

namespace IssuerSync.Core.Verification;

/// <summary>What a service-account token is checked against.</summary>
public sealed class TokenCheckOptions
{
    public required IssuerUrl Issuer { get; init; }

    /// <summary>The well-formed keys of the published JWKS, under their published kids.</summary>
    public required IReadOnlyList<PublishedKey> Keys { get; init; }

    /// <summary>When set, aud must contain it (api://AzureADTokenExchange, sts.amazonaws.com, the GCP provider).</summary>
    public string? Audience { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
