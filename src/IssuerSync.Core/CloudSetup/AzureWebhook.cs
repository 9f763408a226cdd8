namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// The alternative to a hand-written token volume on Azure: the Azure Workload Identity mutating
/// webhook (Helm chart workload-identity-webhook), which adds the token volume and the AZURE_*
/// variables to pods labelled azure.workload.identity/use: "true" whose service account carries
/// azure.workload.identity/client-id. It works on any cluster whose issuer Entra trusts.
/// Source: https://azure.github.io/azure-workload-identity/docs/installation/mutating-admission-webhook.html
/// and https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
/// </summary>
public static class AzureWebhook
{
    public const string ChartRepository = "https://azure.github.io/azure-workload-identity/charts";
    public const string ClientIdAnnotation = "azure.workload.identity/client-id";
    public const string UseLabel = "azure.workload.identity/use";
    public const string PodFile = "pod-webhook.yaml";

    public static SetupStep Alternative(WorkloadIdentity identity, string clientId, string tenantId, IReadOnlyList<string> variables)
    {
        var pod = PodManifest.Build(identity, new PodTemplate
        {
            ServiceAccountAnnotations = [new(ClientIdAnnotation, clientId)],
            PodLabels = [new(UseLabel, "true")],
        });
        return new SetupStep(
            "OR, without the token volume: install the Azure Workload Identity webhook once per cluster " +
            $"(chart workload-identity-webhook, {ChartRepository}); it injects the volume and AZURE_* into pods labelled {UseLabel}: " +
            $"\"true\" whose service account is annotated {ClientIdAnnotation}",
            [
                new SetupCommand("helm repo add", new CommandOption("azure-workload-identity"), new CommandOption(ChartRepository)),
                new SetupCommand("helm repo update"),
                new SetupCommand(
                    "helm install",
                    new CommandOption("workload-identity-webhook"),
                    new CommandOption("azure-workload-identity/workload-identity-webhook"),
                    new CommandOption("--namespace", "azure-workload-identity-system"),
                    new CommandOption("--create-namespace"),
                    new CommandOption("--set", $"azureTenantID={tenantId}") { Expand = variables.Contains(AzureSetup.TenantIdVariable.Name) }),
                KubernetesSteps.Apply(PodFile),
            ],
            new SetupFile(PodFile, pod) { Variables = variables })
        {
            Alternative = true,
        };
    }
}
