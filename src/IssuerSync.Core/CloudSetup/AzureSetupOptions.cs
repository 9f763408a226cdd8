namespace IssuerSync.Core.CloudSetup;

/// <summary>The Entra ID side: a user-assigned managed identity that trusts the service account's tokens.</summary>
public sealed class AzureSetupOptions
{
    public const string DefaultAudience = "api://AzureADTokenExchange";

    public required string IdentityName { get; init; }

    public required string ResourceGroup { get; init; }

    public string? Subscription { get; init; }

    /// <summary>The federated credential's name; default NAMESPACE-SERVICEACCOUNT ('.' becomes '-').</summary>
    public string? CredentialName { get; init; }

    /// <summary>The identity's client id for AZURE_CLIENT_ID; read with az identity show when the script runs when null.</summary>
    public string? ClientId { get; init; }

    /// <summary>The tenant id for AZURE_TENANT_ID; read with az identity show when the script runs when null.</summary>
    public string? TenantId { get; init; }

    public string Audience { get; init; } = DefaultAudience;
}
