namespace IssuerSync.Core.CloudSetup;

/// <summary>The GCP side: a workload identity pool and an OIDC provider trusting the issuer.</summary>
public sealed class GcpSetupOptions
{
    public required string ProjectNumber { get; init; }

    public required string PoolId { get; init; }

    public required string ProviderId { get; init; }

    /// <summary>The gcloud --project; gcloud's configured project when null.</summary>
    public string? Project { get; init; }

    /// <summary>A Google service account to impersonate; null to grant roles to the federated principal directly.</summary>
    public string? ServiceAccountEmail { get; init; }

    /// <summary>When set, the provider gets the JWKS uploaded from this file (issuer not reachable from the internet).</summary>
    public string? JwkJsonPath { get; init; }
}
