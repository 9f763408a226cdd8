extern alias KubernetesFull;

using System.Text.Json;
using KubernetesFull::k8s;
using KubernetesFull::k8s.Models;

namespace IssuerSync.Cli.Tests.Trust;

/// <summary>
/// Runs each printed <c>trust</c> script as a user would (bash -euo pipefail) against stub CLIs
/// that refuse unknown flags, and checks the exact calls, in order, and the manifests applied.
/// </summary>
public sealed class TrustScriptRunTests
{
    private const string AzureIssuer = "https://acct.z6.web.core.windows.net/cluster1";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string TenantId = "66666666-7777-8888-9999-000000000000";
    private const string Subject = "system:serviceaccount:payments:api";
    private const string NamespaceYaml = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: payments\\n";

    private static readonly string[] AzureArgs = ["azure", "--issuer", AzureIssuer, "-n", "payments", "-s", "api", "--identity-name", "payments-api", "-g", "rg-payments", "--subscription", "sub-1"];
    private static readonly string[] Identity = ["--name", "payments-api", "--resource-group", "rg-payments", "--subscription", "sub-1"];

    [Fact]
    public async Task TrustAzure_CreatesIdentityTrustsItAndAppliesPodWithItsIds_WhenIdentityDoesNotExist()
    {
        using var run = AzureRun();
        run.Responses.Add(CliStubs.Response(3, null, "az", "identity", "show"));

        await run.RunAsync(AzureArgs);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                ["az", "identity", "show", .. Identity],
                ["az", "identity", "create", .. Identity],
                ["az", "identity", "federated-credential", "create", "--name", "payments-api", "--identity-name", "payments-api", "--resource-group", "rg-payments", "--subscription", "sub-1", "--issuer", AzureIssuer, "--subject", Subject, "--audiences", "api://AzureADTokenExchange"],
                ["az", "identity", "show", .. Identity, "--query", "clientId", "--output", "tsv"],
                ["az", "identity", "show", .. Identity, "--query", "tenantId", "--output", "tsv"],
                .. KubectlNamespaceAndPod(),
            ],
            run.Calls());
        AssertAzurePod(run.Applied());
    }

    [Fact]
    public async Task TrustAzure_DoesNotCreateTheIdentity_WhenIdentityAlreadyExists()
    {
        using var run = AzureRun();

        await run.RunAsync(AzureArgs);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                ["az", "identity", "show", .. Identity],
                ["az", "identity", "federated-credential", "create", "--name", "payments-api", "--identity-name", "payments-api", "--resource-group", "rg-payments", "--subscription", "sub-1", "--issuer", AzureIssuer, "--subject", Subject, "--audiences", "api://AzureADTokenExchange"],
                ["az", "identity", "show", .. Identity, "--query", "clientId", "--output", "tsv"],
                ["az", "identity", "show", .. Identity, "--query", "tenantId", "--output", "tsv"],
                .. KubectlNamespaceAndPod(),
            ],
            run.Calls());
        AssertAzurePod(run.Applied());
    }

    [Fact]
    public async Task TrustAws_RegistersProviderCreatesRoleAttachesPolicyAndAppliesPod_WhenRegionIsGiven()
    {
        using var run = new ScriptRun();
        run.Responses.Add(CliStubs.Response(0, NamespaceYaml, "kubectl", "create", "namespace"));

        await run.RunAsync(
            "aws", "--issuer", "https://bucket.s3.eu-west-1.amazonaws.com/cluster1", "-n", "payments", "-s", "api", "--account-id", "111122223333", "--role-name", "payments-api",
            "--thumbprint", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280", "--region", "eu-west-1", "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");

        Assert.Equal("", run.Print!.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                ["aws", "iam", "create-open-id-connect-provider", "--url", "https://bucket.s3.eu-west-1.amazonaws.com/cluster1", "--client-id-list", "sts.amazonaws.com", "--thumbprint-list", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
                ["aws", "iam", "create-role", "--role-name", "payments-api", "--assume-role-policy-document", "file://trust-policy.json"],
                ["aws", "iam", "attach-role-policy", "--role-name", "payments-api", "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
                .. KubectlNamespaceAndPod(),
            ],
            run.Calls());
        using (var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "trust-policy.json"))))
        {
            Assert.Equal(Subject, policy.RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("StringEquals").GetProperty("bucket.s3.eu-west-1.amazonaws.com/cluster1:sub").GetString());
        }

        AssertAwsPod(run.Applied(), "eu-west-1");
    }

    [Fact]
    public async Task TrustAws_PutsTheEnvironmentsRegionIntoThePod_WhenRegionIsNotGiven()
    {
        using var run = new ScriptRun();
        run.Responses.Add(CliStubs.Response(0, NamespaceYaml, "kubectl", "create", "namespace"));
        run.Environment["AWS_REGION"] = "ap-south-1";

        await run.RunAsync(AwsArgsWithoutRegion());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["aws", "iam", "create-open-id-connect-provider"], run.Calls()[0].Take(3));
        Assert.Equal(["aws", "iam", "create-role"], run.Calls()[1].Take(3));
        Assert.DoesNotContain(run.Calls(), c => c.Contains("attach-role-policy"));
        AssertAwsPod(run.Applied(), "ap-south-1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task TrustAws_StopsBeforeAnyCallNamingTheFix_WhenRegionIsNeitherGivenNorSet(string? region)
    {
        using var run = new ScriptRun();
        run.Environment["AWS_REGION"] = region;

        await run.RunAsync(AwsArgsWithoutRegion());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("AWS_REGION: set AWS_REGION to the region whose STS endpoint the pod calls (export AWS_REGION=eu-west-1), or give issuersync trust aws --region", run.Stderr);
        Assert.Empty(run.Calls());
    }

    [Fact]
    public async Task TrustGcp_CreatesPoolUploadsJwksGrantsImpersonationAndAppliesConfigMapAndPod_WhenServiceAccountAndJwksFileAreGiven()
    {
        using var run = new ScriptRun();
        run.Responses.Add(CliStubs.Response(0, "{\"keys\":[]}\\n", "kubectl", "get", "--raw"));
        run.Responses.Add(CliStubs.Response(0, NamespaceYaml, "kubectl", "create", "namespace"));
        run.Responses.Add(CliStubs.Response(0, "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: workload-identity-credentials\\n  namespace: payments\\n", "kubectl", "create", "configmap"));
        var principal = $"principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/k8s/subject/{Subject}";
        const string Provider = "projects/123456789012/locations/global/workloadIdentityPools/k8s/providers/cluster1";

        await run.RunAsync(
            "gcp", "--issuer", "https://storage.googleapis.com/bucket/cluster1", "-n", "payments", "-s", "api", "--project-number", "123456789012", "--pool", "k8s", "--provider", "cluster1",
            "--project", "my-project", "--gcp-service-account", "reader@my-project.iam.gserviceaccount.com", "--jwk-json-path", "jwks.json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                ["gcloud", "iam", "workload-identity-pools", "create", "k8s", "--location=global", "--display-name=k8s", "--project=my-project"],
                ["kubectl", "get", "--raw", "/openid/v1/jwks"],
                ["gcloud", "iam", "workload-identity-pools", "providers", "create-oidc", "cluster1", "--location=global", "--workload-identity-pool=k8s", "--issuer-uri=https://storage.googleapis.com/bucket/cluster1", "--attribute-mapping=google.subject=assertion.sub", "--jwk-json-path=jwks.json", "--project=my-project"],
                ["gcloud", "iam", "service-accounts", "add-iam-policy-binding", "reader@my-project.iam.gserviceaccount.com", "--role=roles/iam.workloadIdentityUser", $"--member={principal}", "--project=my-project"],
                ["gcloud", "iam", "workload-identity-pools", "create-cred-config", Provider, "--credential-source-file=/var/run/service-account/token", "--credential-source-type=text", "--output-file=credential-configuration.json", "--service-account=reader@my-project.iam.gserviceaccount.com", "--project=my-project"],
                ["kubectl", "create", "namespace", "payments", "--dry-run=client", "-o", "yaml"],
                ["kubectl", "apply", "-f", "-"],
                ["kubectl", "create", "configmap", "workload-identity-credentials", "--namespace=payments", "--from-file=credential-configuration.json", "--dry-run=client", "-o", "yaml"],
                ["kubectl", "apply", "-f", "-"],
                ["kubectl", "apply", "-f", "pod.yaml"],
            ],
            run.Calls());
        Assert.Equal("{\"keys\":[]}\n", File.ReadAllText(Path.Combine(run.Folder, "jwks.json")));
        var applied = run.Applied();
        Assert.Equal(3, applied.Count);
        Assert.Equal("workload-identity-credentials", KubernetesYaml.Deserialize<V1ConfigMap>(applied[1]).Metadata.Name);
        var pod = KubernetesYaml.LoadAllFromString(applied[2]).OfType<V1Pod>().Single();
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal([("GOOGLE_APPLICATION_CREDENTIALS", "/etc/workload-identity/credential-configuration.json")], container.Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(["gcp-ksa-token:/var/run/service-account", "workload-identity-credentials:/etc/workload-identity"], container.VolumeMounts.Select(m => $"{m.Name}:{m.MountPath}"));
        var token = Assert.Single(pod.Spec.Volumes[0].Projected.Sources).ServiceAccountToken;
        Assert.Equal(("token", $"https://iam.googleapis.com/{Provider}", 3600L), (token.Path, token.Audience, token.ExpirationSeconds));
        Assert.Equal("workload-identity-credentials", pod.Spec.Volumes[1].ConfigMap.Name);
    }

    [Fact]
    public async Task TrustGcp_RunsNoGrant_WhenNoServiceAccountIsGiven()
    {
        using var run = new ScriptRun();

        await run.RunAsync("gcp", "--issuer", "https://storage.googleapis.com/bucket/cluster1", "-n", "payments", "-s", "api", "--project-number", "123456789012", "--pool", "k8s", "--provider", "cluster1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["gcloud iam workload-identity-pools create", "gcloud iam workload-identity-pools providers", "gcloud iam workload-identity-pools create-cred-config", "kubectl create namespace", "kubectl apply -f", "kubectl create configmap", "kubectl apply -f", "kubectl apply -f"],
            run.Calls().Select(c => string.Join(' ', c.Take(c[1] == "iam" ? 4 : 3)).Replace(" providers create-oidc", " providers", StringComparison.Ordinal)));
        Assert.DoesNotContain(run.Calls(), c => c.Contains("storage"));
    }

    /// <summary>The stubs are only worth their passes if they fail: each of these must be refused.</summary>
    [Theory]
    [InlineData("az identity create --name i --resource-group g --bogus x", 2)]
    [InlineData("az identity delete --name i --resource-group g", 2)]
    [InlineData("aws iam create-role --role-name r --assume-role-policy-document file://missing.json", 255)]
    [InlineData("aws iam create-open-id-connect-provider --url https://x --thumbprint", 2)]
    [InlineData("gcloud iam workload-identity-pools create --location=global", 2)]
    [InlineData("gcloud iam workload-identity-pools create k8s --location=global --disabled=true", 2)]
    [InlineData("kubectl create namespace payments --dry-run client -o yaml", 2)]
    [InlineData("kubectl apply --filename pod.yaml --prune-whitelist x", 2)]
    public async Task Stub_RefusesTheCall_WhenCommandFlagOrValueIsWrong(string line, int exitCode)
    {
        using var run = new ScriptRun();
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(run.Bin, line.Split(' ')[0]), line.Split(' ').Skip(1)) { WorkingDirectory = run.Folder, RedirectStandardError = true };

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(exitCode, process.ExitCode);
        Assert.StartsWith(line.Split(' ')[0] + " (stub): ", stderr);
    }

    private static ScriptRun AzureRun()
    {
        var run = new ScriptRun();
        run.Responses.Add(CliStubs.Response(0, ClientId + "\\n", "az", "identity", "show", "clientId"));
        run.Responses.Add(CliStubs.Response(0, TenantId + "\\n", "az", "identity", "show", "tenantId"));
        run.Responses.Add(CliStubs.Response(0, NamespaceYaml, "kubectl", "create", "namespace"));
        return run;
    }

    private static string[] AwsArgsWithoutRegion()
        => ["aws", "--issuer", "https://bucket.s3.eu-west-1.amazonaws.com/cluster1", "-n", "payments", "-s", "api", "--account-id", "111122223333", "--role-name", "payments-api", "--thumbprint", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"];

    private static string[][] KubectlNamespaceAndPod() =>
    [
        ["kubectl", "create", "namespace", "payments", "--dry-run=client", "-o", "yaml"],
        ["kubectl", "apply", "-f", "-"],
        ["kubectl", "apply", "-f", "pod.yaml"],
    ];

    /// <summary>The namespace piped to apply, then the ServiceAccount and the Pod; returns the pod's only container.</summary>
    private static (V1Pod Pod, V1Container Container) ParsePod(IReadOnlyList<string> applied)
    {
        Assert.Equal(2, applied.Count);
        Assert.Equal("payments", KubernetesYaml.Deserialize<V1Namespace>(applied[0]).Metadata.Name);
        var objects = KubernetesYaml.LoadAllFromString(applied[1]);
        var account = Assert.IsType<V1ServiceAccount>(objects[0]);
        Assert.Equal(("api", "payments"), (account.Metadata.Name, account.Metadata.NamespaceProperty));
        var pod = Assert.IsType<V1Pod>(objects[1]);
        Assert.Equal(("api", "payments", "api"), (pod.Metadata.Name, pod.Metadata.NamespaceProperty, pod.Spec.ServiceAccountName));
        return (pod, Assert.Single(pod.Spec.Containers));
    }

    private static void AssertAzurePod(IReadOnlyList<string> applied)
    {
        var (pod, container) = ParsePod(applied);
        Assert.Equal(
            [
                ("AZURE_CLIENT_ID", ClientId),
                ("AZURE_TENANT_ID", TenantId),
                ("AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token"),
                ("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com/"),
            ],
            container.Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(("azure-identity-token", "/var/run/secrets/azure/tokens", true), (container.VolumeMounts[0].Name, container.VolumeMounts[0].MountPath, container.VolumeMounts[0].ReadOnlyProperty == true));
        var token = Assert.Single(Assert.Single(pod.Spec.Volumes).Projected.Sources).ServiceAccountToken;
        Assert.Equal(("azure-identity-token", "api://AzureADTokenExchange", 3600L), (token.Path, token.Audience, token.ExpirationSeconds));
    }

    private static void AssertAwsPod(IReadOnlyList<string> applied, string region)
    {
        var (pod, container) = ParsePod(applied);
        Assert.Equal(
            [
                ("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/payments-api"),
                ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"),
                ("AWS_REGION", region),
                ("AWS_STS_REGIONAL_ENDPOINTS", "regional"),
            ],
            container.Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(("aws-iam-token", "/var/run/secrets/eks.amazonaws.com/serviceaccount"), (container.VolumeMounts[0].Name, container.VolumeMounts[0].MountPath));
        var token = Assert.Single(Assert.Single(pod.Spec.Volumes).Projected.Sources).ServiceAccountToken;
        Assert.Equal(("token", "sts.amazonaws.com", 3600L), (token.Path, token.Audience, token.ExpirationSeconds));
    }
}
