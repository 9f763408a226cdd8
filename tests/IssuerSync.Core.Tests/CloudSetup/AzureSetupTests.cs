using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Core.Tests.CloudSetup;

public sealed class AzureSetupTests
{
    private static readonly WorkloadIdentity Identity = WorkloadIdentity.Create("https://acct.z6.web.core.windows.net/cluster1/", "payments", "api");

    [Fact]
    public void Build_CreatesFederatedCredentialWithIssuerBytesSubjectAndAudience_WhenOptionsAreGiven()
    {
        var plan = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "payments-api", ResourceGroup = "rg", Subscription = "sub-1", CredentialName = "cluster1-payments-api" });

        Assert.Equal(
            [
                "az", "identity", "federated-credential", "create",
                "--name", "cluster1-payments-api",
                "--identity-name", "payments-api",
                "--resource-group", "rg",
                "--subscription", "sub-1",
                "--issuer", "https://acct.z6.web.core.windows.net/cluster1/",
                "--subject", "system:serviceaccount:payments:api",
                "--audiences", "api://AzureADTokenExchange",
            ],
            plan.Steps[1].Commands.Single().Argv);
    }

    [Fact]
    public void Build_NamesCredentialAfterNamespaceAndServiceAccount_WhenNameIsNotGiven()
    {
        var plan = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg" });

        Assert.Equal(["--name", "payments-api"], plan.Steps[1].Commands.Single().Argv.Skip(4).Take(2));
    }

    [Fact]
    public void Build_ReplacesDotsInCredentialName_WhenServiceAccountNameHasDots()
    {
        var plan = AzureSetup.Build(WorkloadIdentity.Create("https://oidc.example.com", "payments", "api.v1"), new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg" });

        Assert.Equal(["--name", "payments-api-v1"], plan.Steps[1].Commands.Single().Argv.Skip(4).Take(2));
        Assert.Contains("system:serviceaccount:payments:api.v1", plan.Steps[1].Commands.Single().Argv);
    }

    [Fact]
    public void Build_WritesPodWithAzureVariablesAndProjectedToken_WhenClientAndTenantAreGiven()
    {
        var pod = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg", ClientId = "c-1", TenantId = "t-1" }).File("pod.yaml").Content;

        Assert.Contains(
            """
                  env:
                    - name: AZURE_CLIENT_ID
                      value: "c-1"
                    - name: AZURE_TENANT_ID
                      value: "t-1"
                    - name: AZURE_FEDERATED_TOKEN_FILE
                      value: "/var/run/secrets/azure/tokens/azure-identity-token"
                    - name: AZURE_AUTHORITY_HOST
                      value: "https://login.microsoftonline.com/"
                  volumeMounts:
                    - name: azure-identity-token
                      mountPath: /var/run/secrets/azure/tokens
                      readOnly: true
              volumes:
                - name: azure-identity-token
                  projected:
                    sources:
                      - serviceAccountToken:
                          path: azure-identity-token
                          audience: "api://AzureADTokenExchange"
                          expirationSeconds: 3600

            """.ReplaceLineEndings("\n"),
            pod);
    }

    [Fact]
    public void Build_ReadsClientAndTenantIdFromTheIdentity_WhenTheyAreNotGiven()
    {
        var plan = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg", Subscription = "sub-1" });

        Assert.Equal(
            ["az", "identity", "show", "--name", "id", "--resource-group", "rg", "--subscription", "sub-1", "--query", "clientId", "--output", "tsv"],
            plan.Steps[2].Commands.Single().Argv);
        Assert.Equal("IDENTITY_CLIENT_ID", plan.Steps[2].Commands.Single().CaptureAs);
        Assert.Equal(["--query", "tenantId", "--output", "tsv"], plan.Steps[3].Commands.Single().Argv.Skip(9));
        Assert.Equal("IDENTITY_TENANT_ID", plan.Steps[3].Commands.Single().CaptureAs);
        var pod = plan.File("pod.yaml");
        Assert.Equal(["IDENTITY_CLIENT_ID", "IDENTITY_TENANT_ID"], pod.Variables);
        Assert.Contains("        - name: AZURE_CLIENT_ID\n          value: \"${IDENTITY_CLIENT_ID}\"\n        - name: AZURE_TENANT_ID\n          value: \"${IDENTITY_TENANT_ID}\"\n", pod.Content);
    }

    [Fact]
    public void Build_ReadsNothing_WhenClientAndTenantIdAreGiven()
    {
        var plan = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg", ClientId = "c-1", TenantId = "t-1" });

        Assert.DoesNotContain(plan.Steps.SelectMany(s => s.Commands), c => c.CaptureAs is not null);
        Assert.Empty(plan.File("pod.yaml").Variables);
    }

    [Fact]
    public void Build_CreatesTheIdentityOnlyWhenShowFails_WhenPlanStarts()
    {
        var command = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "payments-api", ResourceGroup = "rg" }).Steps[0].Commands.Single();

        Assert.Equal(["az", "identity", "create", "--name", "payments-api", "--resource-group", "rg"], command.Argv);
        Assert.Equal(["az", "identity", "show", "--name", "payments-api", "--resource-group", "rg"], command.Unless!.Argv);
        Assert.Equal(
            "az identity show --name payments-api --resource-group rg >/dev/null 2>&1 ||\n  az identity create --name payments-api --resource-group rg",
            command.ToShell());
    }

    [Fact]
    public void Build_CreatesTheNamespaceBeforeThePod_WhenPlanEnds()
    {
        var plan = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg" });

        var titles = plan.Steps.Select(s => s.Title).ToList();
        var ns = plan.Steps.Single(s => s.Title.StartsWith("The namespace payments", StringComparison.Ordinal)).Commands.Single();
        Assert.Equal(["kubectl", "create", "namespace", "payments", "--dry-run=client", "-o", "yaml"], ns.Argv);
        Assert.Equal(["kubectl", "apply", "-f", "-"], ns.PipeTo!.Argv);
        Assert.True(titles.FindIndex(t => t.StartsWith("The namespace", StringComparison.Ordinal)) < titles.FindIndex(t => t.StartsWith("The service account and a pod", StringComparison.Ordinal)));
    }

    [Fact]
    public void Build_OffersTheWorkloadIdentityWebhookAsAlternative_WhenPlanEnds()
    {
        var step = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg", ClientId = "c-1", TenantId = "t-1" }).Steps[^1];

        Assert.True(step.Alternative);
        Assert.Equal(["helm", "repo", "add", "azure-workload-identity", "https://azure.github.io/azure-workload-identity/charts"], step.Commands[0].Argv);
        Assert.Equal(
            ["helm", "install", "workload-identity-webhook", "azure-workload-identity/workload-identity-webhook", "--namespace", "azure-workload-identity-system", "--create-namespace", "--set", "azureTenantID=t-1"],
            step.Commands[2].Argv);
        Assert.Contains("  annotations:\n    azure.workload.identity/client-id: \"c-1\"\n", step.File!.Content);
        Assert.Contains("  labels:\n    azure.workload.identity/use: \"true\"\n", step.File.Content);
        Assert.DoesNotContain("volumes:", step.File.Content);
    }
}
