namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// Builds the Entra Workload ID setup: the user-assigned managed identity (created when it does not
/// exist), <c>az identity federated-credential create</c> for the issuer and subject, the namespace,
/// and the pod with the projected token and the AZURE_* variables the Azure Identity SDKs read
/// (what the workload identity webhook would inject; the webhook variant is printed as an alternative).
/// </summary>
public static class AzureSetup
{
    public const string TokenMountPath = "/var/run/secrets/azure/tokens";
    public const string TokenFileName = "azure-identity-token";
    public const string AuthorityHost = "https://login.microsoftonline.com/";

    public static readonly ShellVariable ClientIdVariable = new("IDENTITY_CLIENT_ID", "the client id of the managed identity");
    public static readonly ShellVariable TenantIdVariable = new("IDENTITY_TENANT_ID", "the tenant id of the managed identity");

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
        AddSubscription(create, options);
        create.Add(new("--issuer", identity.Issuer.Value));
        create.Add(new("--subject", identity.Subject));
        create.Add(new("--audiences", options.Audience));

        var steps = new List<SetupStep>
        {
            SetupStep.Run(
                $"The managed identity {options.IdentityName} (created when it does not exist)",
                Identity("create", options) with { Unless = Identity("show", options) }),
            SetupStep.Run(
                $"Trust tokens of {identity.Subject} from {identity.Issuer.Value} for the managed identity {options.IdentityName}",
                new SetupCommand(["az", "identity", "federated-credential", "create"], create)),
        };

        var variables = new List<string>();
        var clientId = Value(options.ClientId, ClientIdVariable, "clientId", options, steps, variables);
        var tenantId = Value(options.TenantId, TenantIdVariable, "tenantId", options, steps, variables);
        steps.Add(KubernetesSteps.Namespace(identity));

        var token = new ProjectedToken(TokenFileName, TokenMountPath, TokenFileName, options.Audience);
        var pod = PodManifest.Build(identity, new PodTemplate
        {
            Token = token,
            Environment =
            [
                new("AZURE_CLIENT_ID", clientId),
                new("AZURE_TENANT_ID", tenantId),
                new("AZURE_FEDERATED_TOKEN_FILE", token.FilePath),
                new("AZURE_AUTHORITY_HOST", AuthorityHost),
            ],
        });
        steps.AddRange(KubernetesSteps.Pod(new SetupFile(KubernetesSteps.PodFile, pod) { Variables = variables }));
        steps.Add(AzureWebhook.Alternative(identity, clientId, tenantId, variables));
        return new CloudSetupPlan("azure", steps);
    }

    /// <summary><c>az identity show|create --name … --resource-group … [--subscription …]</c>.</summary>
    public static SetupCommand Identity(string verb, AzureSetupOptions options, params CommandOption[] rest)
    {
        var all = new List<CommandOption> { new("--name", options.IdentityName), new("--resource-group", options.ResourceGroup) };
        AddSubscription(all, options);
        all.AddRange(rest);
        return new SetupCommand(["az", "identity", verb], all);
    }

    /// <summary>The value given, or a reference to a variable the script reads from the identity.</summary>
    private static string Value(
        string? given,
        ShellVariable variable,
        string property,
        AzureSetupOptions options,
        List<SetupStep> steps,
        List<string> variables)
    {
        if (given is not null)
        {
            return given;
        }

        steps.Add(SetupStep.Run(
            $"Read {variable.Hint} into {variable.Name}",
            Identity("show", options, new("--query", property), new("--output", "tsv")) with { CaptureAs = variable.Name }));
        variables.Add(variable.Name);
        return variable.Reference;
    }

    private static void AddSubscription(List<CommandOption> options, AzureSetupOptions azure)
    {
        if (azure.Subscription is not null)
        {
            options.Add(new("--subscription", azure.Subscription));
        }
    }
}
