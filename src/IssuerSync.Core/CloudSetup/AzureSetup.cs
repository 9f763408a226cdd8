namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// Builds the Entra Workload ID setup: <c>az identity federated-credential create</c> for the
/// issuer and subject, and the pod with the projected token and the AZURE_* variables the Azure
/// Identity SDKs read (what the workload identity webhook would inject).
/// </summary>
public static class AzureSetup
{
    public const string TokenMountPath = "/var/run/secrets/azure/tokens";
    public const string TokenFileName = "azure-identity-token";
    public const string AuthorityHost = "https://login.microsoftonline.com/";

    public static CloudSetupPlan Build(WorkloadIdentity identity, AzureSetupOptions options)
    {
        // Federated credential names allow letters, digits, '-' and '_'; service account names may hold '.'.
        var credentialName = options.CredentialName ?? $"{identity.Namespace}-{identity.ServiceAccount.Replace('.', '-')}";
        var create = new List<CommandOption>
        {
            new("--name", credentialName),
            new("--identity-name", options.IdentityName),
            new("--resource-group", options.ResourceGroup),
        };
        if (options.Subscription is not null)
        {
            create.Add(new("--subscription", options.Subscription));
        }

        create.Add(new("--issuer", identity.Issuer.Value));
        create.Add(new("--subject", identity.Subject));
        create.Add(new("--audiences", options.Audience));

        var token = new ProjectedToken(TokenFileName, TokenMountPath, TokenFileName, options.Audience);
        var clientId = options.ClientId ?? $"<client id: az identity show --name {options.IdentityName} --resource-group {options.ResourceGroup} --query clientId -o tsv>";
        var tenantId = options.TenantId ?? "<tenant id: az account show --query tenantId -o tsv>";
        var pod = PodManifest.Build(identity, token,
        [
            new("AZURE_CLIENT_ID", clientId),
            new("AZURE_TENANT_ID", tenantId),
            new("AZURE_FEDERATED_TOKEN_FILE", token.FilePath),
            new("AZURE_AUTHORITY_HOST", AuthorityHost),
        ]);

        return new CloudSetupPlan("azure",
        [
            SetupStep.Run(
                $"Trust tokens of {identity.Subject} from {identity.Issuer.Value} for the managed identity {options.IdentityName}",
                new SetupCommand(["az", "identity", "federated-credential", "create"], create)),
            SetupStep.Write("The service account and a pod using it (merge env, volumeMounts and volumes into your workload)", new SetupFile("pod.yaml", pod)),
            SetupStep.Run("Apply it", new SetupCommand("kubectl apply", new CommandOption("-f", "pod.yaml"))),
        ]);
    }
}
