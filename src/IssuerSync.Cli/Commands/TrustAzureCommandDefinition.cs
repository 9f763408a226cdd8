using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust azure</c>: the managed identity, its federated credential, and the pod.</summary>
internal sealed class TrustAzureCommandDefinition : TrustCommandDefinition
{
    public readonly Option<string> IdentityName = TrustOptions.Name("--identity-name", "NAME", "The user-assigned managed identity that the workload becomes.");

    public readonly Option<string> ResourceGroup = TrustOptions.Name("--resource-group", "GROUP", "The identity's resource group.", "-g");

    public readonly Option<string?> Subscription = new("--subscription")
    {
        Description = "The identity's subscription (default: az's current one).",
        HelpName = "ID",
    };

    public readonly Option<string?> CredentialName = new("--credential-name")
    {
        Description = "The federated credential's name. Default: NAMESPACE-SERVICEACCOUNT.",
        HelpName = "NAME",
    };

    public readonly Option<string?> ClientId = ReadWhenRun("--client-id", "The identity's client id", "AZURE_CLIENT_ID");

    public readonly Option<string?> TenantId = ReadWhenRun("--tenant-id", "The tenant id", "AZURE_TENANT_ID");

    public readonly Option<string> Audience = TrustOptions.Audience("The token audience.", AzureSetupOptions.DefaultAudience);

    public TrustAzureCommandDefinition()
        : base("azure", SharedOptions.WithExample(
            "Entra Workload ID: az identity federated-credential create, and the pod's projected token and AZURE_* variables.",
            "issuersync trust azure --issuer https://ACCOUNT.z6.web.core.windows.net/cluster1 -n payments -s api --identity-name payments-api -g rg-payments"))
        => this.AddOptions(IdentityName, ResourceGroup, Subscription, CredentialName, ClientId, TenantId, Audience);

    public AzureSetupOptions Read(ParseResult result) => new()
    {
        IdentityName = result.GetRequiredValue(IdentityName),
        ResourceGroup = result.GetRequiredValue(ResourceGroup),
        Subscription = result.GetValue(Subscription),
        CredentialName = result.GetValue(CredentialName),
        ClientId = result.GetValue(ClientId),
        TenantId = result.GetValue(TenantId),
        Audience = result.GetRequiredValue(Audience),
    };

    /// <summary>An id the pod's variable takes: given, or read with <c>az identity show</c> when the script runs.</summary>
    private static Option<string?> ReadWhenRun(string name, string what, string variable) => new(name)
    {
        Description = $"{what}, for {variable} (else read with az identity show when the script runs).",
        HelpName = "GUID",
    };

    protected override Task<CloudSetupPlan> PlanAsync(WorkloadIdentity identity, ParseResult result, CancellationToken cancellationToken)
        => Task.FromResult(AzureSetup.Build(identity, Read(result)));
}
