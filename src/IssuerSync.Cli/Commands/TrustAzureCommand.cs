using System.CommandLine;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust azure</c>: the managed identity, its federated credential, and the pod.</summary>
internal static class TrustAzureCommand
{
    public static Command Create()
    {
        var common = new TrustOptions();
        var identityName = new Option<string>("--identity-name")
        {
            Description = "The user-assigned managed identity that the workload becomes.",
            Required = true,
            HelpName = "NAME",
        };
        var resourceGroup = new Option<string>("--resource-group", "-g")
        {
            Description = "The identity's resource group.",
            Required = true,
            HelpName = "GROUP",
        };
        var subscription = new Option<string?>("--subscription") { Description = "The identity's subscription (default: az's current one).", HelpName = "ID" };
        var credentialName = new Option<string?>("--credential-name")
        {
            Description = "The federated credential's name. Default: NAMESPACE-SERVICEACCOUNT.",
            HelpName = "NAME",
        };
        var clientId = new Option<string?>("--client-id")
        {
            Description = "The identity's client id, for AZURE_CLIENT_ID (else read with az identity show when the script runs).",
            HelpName = "GUID",
        };
        var tenantId = new Option<string?>("--tenant-id")
        {
            Description = "The tenant id, for AZURE_TENANT_ID (else read with az identity show when the script runs).",
            HelpName = "GUID",
        };
        var audience = new Option<string>("--audience")
        {
            Description = "The token audience.",
            DefaultValueFactory = _ => AzureSetupOptions.DefaultAudience,
            HelpName = "AUD",
        };
        var command = new Command("azure", SharedOptions.WithExample(
            "Entra Workload ID: az identity federated-credential create, and the pod's projected token and AZURE_* variables.",
            "issuersync trust azure --issuer https://ACCOUNT.z6.web.core.windows.net/cluster1 -n payments -s api --identity-name payments-api -g rg-payments"));
        common.AddTo(command);
        command.Options.Add(identityName);
        command.Options.Add(resourceGroup);
        command.Options.Add(subscription);
        command.Options.Add(credentialName);
        command.Options.Add(clientId);
        command.Options.Add(tenantId);
        command.Options.Add(audience);
        CommandRunner.SetAction(command, (result, stdout, stderr, cancellationToken) => TrustCommand.RunAsync(
            common.Read(result),
            identity => AzureSetup.Build(identity, new AzureSetupOptions
            {
                IdentityName = result.GetRequiredValue(identityName),
                ResourceGroup = result.GetRequiredValue(resourceGroup),
                Subscription = result.GetValue(subscription),
                CredentialName = result.GetValue(credentialName),
                ClientId = result.GetValue(clientId),
                TenantId = result.GetValue(tenantId),
                Audience = result.GetRequiredValue(audience),
            }),
            stdout,
            stderr,
            cancellationToken));
        return command;
    }
}
