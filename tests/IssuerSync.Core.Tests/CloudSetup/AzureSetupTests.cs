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
            plan.Steps[0].Commands.Single().Argv);
    }

    [Fact]
    public void Build_NamesCredentialAfterNamespaceAndServiceAccount_WhenNameIsNotGiven()
    {
        var plan = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg" });

        Assert.Equal(["--name", "payments-api"], plan.Steps[0].Commands.Single().Argv.Skip(4).Take(2));
    }

    [Fact]
    public void Build_ReplacesDotsInCredentialName_WhenServiceAccountNameHasDots()
    {
        var plan = AzureSetup.Build(WorkloadIdentity.Create("https://oidc.example.com", "payments", "api.v1"), new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg" });

        Assert.Equal(["--name", "payments-api-v1"], plan.Steps[0].Commands.Single().Argv.Skip(4).Take(2));
        Assert.Contains("system:serviceaccount:payments:api.v1", plan.Steps[0].Commands.Single().Argv);
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
    public void Build_PutsAzCommandInPlaceholder_WhenClientIdIsNotGiven()
    {
        var pod = AzureSetup.Build(Identity, new AzureSetupOptions { IdentityName = "id", ResourceGroup = "rg" }).File("pod.yaml").Content;

        Assert.Contains("          value: \"<client id: az identity show --name id --resource-group rg --query clientId -o tsv>\"\n", pod);
    }
}
