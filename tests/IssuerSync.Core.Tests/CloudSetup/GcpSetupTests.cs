using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Core.Tests.CloudSetup;

public sealed class GcpSetupTests
{
    private static readonly WorkloadIdentity Identity = WorkloadIdentity.Create("https://oidc.example.com/cluster1", "payments", "api");

    private static GcpSetupOptions Options(string? jwks = null, string? serviceAccount = null, string? project = null) => new()
    {
        ProjectNumber = "123456789012",
        PoolId = "k8s",
        ProviderId = "cluster1",
        JwkJsonPath = jwks,
        ServiceAccountEmail = serviceAccount,
        Project = project,
    };

    [Fact]
    public void Build_CreatesProviderFetchingIssuerAndOffersUploadVariant_WhenNoJwksFileIsGiven()
    {
        var plan = GcpSetup.Build(Identity, Options());

        Assert.Equal(["gcloud", "iam", "workload-identity-pools", "create", "k8s", "--location=global", "--display-name=k8s"], plan.Steps[0].Commands.Single().Argv);
        Assert.False(plan.Steps[1].Alternative);
        Assert.Equal(
            ["gcloud", "iam", "workload-identity-pools", "providers", "create-oidc", "cluster1", "--location=global", "--workload-identity-pool=k8s", "--issuer-uri=https://oidc.example.com/cluster1", "--attribute-mapping=google.subject=assertion.sub"],
            plan.Steps[1].Commands.Single().Argv);
        Assert.True(plan.Steps[2].Alternative);
        Assert.Equal(["kubectl", "get", "--raw", "/openid/v1/jwks"], plan.Steps[2].Commands[0].Argv);
        Assert.Equal("cluster-jwks.json", plan.Steps[2].Commands[0].RedirectTo);
        Assert.Equal("--jwk-json-path=cluster-jwks.json", plan.Steps[2].Commands[1].Argv[^1]);
    }

    [Fact]
    public void Build_UploadsJwksWithTheProvider_WhenJwksFileIsGiven()
    {
        var plan = GcpSetup.Build(Identity, Options(jwks: "jwks.json", project: "my-project"));

        Assert.DoesNotContain(plan.Steps.Where(s => s.Alternative).SelectMany(s => s.Commands), c => c.Argv.Contains("create-oidc"));
        Assert.Equal(
            ["gcloud", "iam", "workload-identity-pools", "providers", "create-oidc", "cluster1", "--location=global", "--workload-identity-pool=k8s", "--issuer-uri=https://oidc.example.com/cluster1", "--attribute-mapping=google.subject=assertion.sub", "--jwk-json-path=jwks.json", "--project=my-project"],
            plan.Steps[1].Commands[1].Argv);
        Assert.Equal("jwks.json", plan.Steps[1].Commands[0].RedirectTo);
    }

    [Fact]
    public void Build_GrantsImpersonationAndWritesCredentialConfig_WhenServiceAccountIsGiven()
    {
        var plan = GcpSetup.Build(Identity, Options(serviceAccount: "reader@proj.iam.gserviceaccount.com"));

        var principal = "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/k8s/subject/system:serviceaccount:payments:api";
        Assert.Equal(
            ["gcloud", "iam", "service-accounts", "add-iam-policy-binding", "reader@proj.iam.gserviceaccount.com", "--role=roles/iam.workloadIdentityUser", $"--member={principal}"],
            plan.Steps[3].Commands.Single().Argv);
        Assert.Equal(
            ["gcloud", "iam", "workload-identity-pools", "create-cred-config", "projects/123456789012/locations/global/workloadIdentityPools/k8s/providers/cluster1", "--credential-source-file=/var/run/service-account/token", "--credential-source-type=text", "--output-file=credential-configuration.json", "--service-account=reader@proj.iam.gserviceaccount.com"],
            plan.Steps[4].Commands.Single().Argv);
        Assert.Equal(["kubectl", "create", "namespace", "payments", "--dry-run=client", "-o", "yaml"], plan.Steps[5].Commands.Single().Argv);
        var configMap = plan.Steps[6].Commands.Single();
        Assert.Equal(["kubectl", "create", "configmap", "workload-identity-credentials", "--namespace=payments", "--from-file=credential-configuration.json", "--dry-run=client", "-o", "yaml"], configMap.Argv);
        Assert.Equal(["kubectl", "apply", "-f", "-"], configMap.PipeTo!.Argv);
    }

    [Fact]
    public void Build_ProjectsTokenForTheProviderAudience_WhenBuildingThePod()
    {
        var pod = GcpSetup.Build(Identity, Options()).File("pod.yaml").Content;

        Assert.Contains("          value: \"/etc/workload-identity/credential-configuration.json\"\n", pod);
        Assert.Contains("              audience: \"https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/k8s/providers/cluster1\"\n", pod);
        Assert.EndsWith("    - name: workload-identity-credentials\n      configMap:\n        name: workload-identity-credentials\n", pod);
    }

    [Fact]
    public void Build_PrintsTheBucketGrantCommentedOut_WhenNoServiceAccountIsGiven()
    {
        var plan = GcpSetup.Build(Identity, Options());

        var grant = plan.Steps[3];
        Assert.True(grant.Alternative);
        Assert.Equal(
            ["gcloud", "storage", "buckets", "add-iam-policy-binding", "gs://BUCKET", "--role=roles/storage.objectViewer", "--member=principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/k8s/subject/system:serviceaccount:payments:api"],
            grant.Commands.Single().Argv);
        Assert.DoesNotContain(plan.Steps.Where(s => !s.Alternative).SelectMany(s => s.Commands), c => c.Argv.Any(a => a.Contains("BUCKET", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("my-project")]
    public void Build_Throws_WhenProjectNumberIsNotDigits(string number)
    {
        var e = Assert.Throws<IssuerSyncException>(() => GcpSetup.Build(Identity, new GcpSetupOptions { ProjectNumber = number, PoolId = "p", ProviderId = "v" }));

        Assert.StartsWith($"--project-number '{number}' is not a project number (digits)", e.Message);
    }
}
