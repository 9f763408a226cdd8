using System.Text.Json;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Cli.Tests.Verify;

[Collection(IssuerServerCollection.Name)]
public sealed class TrustCommandTests(IssuerServerFixture fixture)
{
    private const string Subject = "system:serviceaccount:payments:api";

    [Fact]
    public async Task TrustAws_PrintsProviderWithServedCaThumbprintAndTrustPolicy_WhenIssuerIsReachable()
    {
        fixture.Publish("aws");
        var issuer = fixture.Issuer("aws");
        var providerKey = issuer["https://".Length..];

        var run = await CliRun.RunAsync("trust", "aws", "--issuer", issuer, "-n", "payments", "-s", "api", "--account-id", "111122223333", "--role-name", "payments-api", "--ca-cert", fixture.CaFile);

        Assert.Equal(0, run.ExitCode);
        var port = new Uri(issuer).Port;
        var warning = $"the issuer {issuer} has a port (:{port}), and AWS IAM refuses an OIDC provider URL with a port (CreateOpenIDConnectProvider: \"The URL should not contain a port number\"): create-open-id-connect-provider will fail; serve the issuer on the default https port and set the cluster's --service-account-issuer without a port";
        Assert.Equal($"issuersync: warning: {warning}\n", run.Stderr.ReplaceLineEndings("\n"));
        var lines = run.Stdout.Split('\n');
        Assert.Contains($"# WARNING: {warning}", lines);
        var thumbprint = TestCertificates.Sha1(fixture.Server.Certificates.Ca);
        Assert.Equal(
            [
                "aws iam create-open-id-connect-provider \\",
                $"  --url {issuer} \\",
                "  --client-id-list sts.amazonaws.com \\",
                $"  --thumbprint-list {thumbprint}",
            ],
            lines.SkipWhile(l => !l.StartsWith("aws iam create-open-id-connect-provider", StringComparison.Ordinal)).Take(4));
        Assert.Equal(
            ["aws iam create-role \\", "  --role-name payments-api \\", "  --assume-role-policy-document file://trust-policy.json"],
            lines.SkipWhile(l => !l.StartsWith("aws iam create-role", StringComparison.Ordinal)).Take(3));
        Assert.Contains($"# 1. Register {issuer} as an OIDC identity provider (thumbprint: SHA-1 of 'CN=IssuerSync Test CA', the top CA certificate 127.0.0.1:{new Uri(issuer).Port} serves)", lines);

        using var policy = JsonDocument.Parse(HereDocument(lines, "trust-policy.json"));
        var statement = Assert.Single(policy.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("sts:AssumeRoleWithWebIdentity", statement.GetProperty("Action").GetString());
        Assert.Equal($"arn:aws:iam::111122223333:oidc-provider/{providerKey}", Assert.Single(statement.GetProperty("Principal").EnumerateObject()).Value.GetString());
        var condition = Assert.Single(statement.GetProperty("Condition").EnumerateObject());
        Assert.Equal("StringEquals", condition.Name);
        Assert.Equal(
            [($"{providerKey}:aud", "sts.amazonaws.com"), ($"{providerKey}:sub", Subject)],
            condition.Value.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));

        var pod = HereDocument(lines, "pod.yaml");
        Assert.Contains("        - name: AWS_ROLE_ARN\n          value: \"arn:aws:iam::111122223333:role/payments-api\"\n", pod);
        Assert.Contains("        - name: AWS_WEB_IDENTITY_TOKEN_FILE\n          value: \"/var/run/secrets/eks.amazonaws.com/serviceaccount/token\"\n", pod);
        Assert.Contains("          - serviceAccountToken:\n              path: token\n              audience: \"sts.amazonaws.com\"\n              expirationSeconds: 3600\n", pod);
    }

    [Fact]
    public async Task TrustAws_UsesTopIntermediateThumbprint_WhenHostServesAnIntermediate()
    {
        await using var server = new TestIssuerServer(withIntermediate: true);
        var issuer = server.Origin + "/intermediate";
        server.Serve("/intermediate/.well-known/openid-configuration", 200, TestIssuerDocuments.Discovery(issuer, issuer + "/openid/v1/jwks", "RS256").ToJsonString());
        server.Serve("/intermediate/openid/v1/jwks", 200, TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(fixture.Rsa)).ToJsonString());
        var caFile = fixture.File("intermediate-root.pem", server.CaPem);

        var run = await CliRun.RunAsync("trust", "aws", "--issuer", issuer, "-n", "payments", "-s", "api", "--account-id", "111122223333", "--role-name", "r", "--ca-cert", caFile, "-o", "json");

        Assert.Equal(0, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Stdout);
        var argv = plan.RootElement.GetProperty("steps")[0].GetProperty("commands")[0].GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ToList();
        var intermediate = server.Certificates.Intermediate!;
        Assert.Equal(["aws", "iam", "create-open-id-connect-provider", "--url", issuer, "--client-id-list", "sts.amazonaws.com", "--thumbprint-list", TestCertificates.Sha1(intermediate)], argv);
        Assert.NotEqual(TestCertificates.Sha1(server.Certificates.Ca), TestCertificates.Sha1(intermediate));
    }

    [Fact]
    public async Task TrustAws_ExitsTwoNamingTheFix_WhenIssuerCertificateIsNotTrusted()
    {
        fixture.Publish("aws-untrusted");

        var run = await CliRun.RunAsync("trust", "aws", "--issuer", fixture.Issuer("aws-untrusted"), "-n", "payments", "-s", "api", "--account-id", "111122223333", "--role-name", "r");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith($"issuersync: error: cannot compute the AWS thumbprint: GET {fixture.Issuer("aws-untrusted")}/.well-known/openid-configuration failed: TLS: the certificate of 127.0.0.1:", run.Stderr);
        Assert.EndsWith("run issuersync verify " + fixture.Issuer("aws-untrusted") + " and fix it, or give --thumbprint\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task TrustAws_UsesGivenThumbprintWithoutFetching_WhenThumbprintIsGiven()
    {
        var run = await CliRun.RunAsync("trust", "aws", "--issuer", "https://oidc.invalid/cluster1", "-n", "payments", "-s", "api", "--account-id", "111122223333", "--role-name", "r", "--thumbprint", "9E:99:A4:8A:99:60:B1:49:26:BB:7F:3B:02:E2:2D:A2:B0:AB:72:80");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  --thumbprint-list 9e99a48a9960b14926bb7f3b02e22da2b0ab7280\n", run.Stdout);
    }

    [Fact]
    public async Task TrustAzure_PrintsExactFederatedCredentialCommand_WhenOptionsAreGiven()
    {
        var run = await CliRun.RunAsync("trust", "azure", "--issuer", "https://acct.z6.web.core.windows.net/cluster1", "-n", "payments", "-s", "api", "--identity-name", "payments-api", "-g", "rg-payments", "--client-id", "11111111-2222-3333-4444-555555555555", "--tenant-id", "66666666-7777-8888-9999-000000000000");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal(
            [
                "# 2. Trust tokens of system:serviceaccount:payments:api from https://acct.z6.web.core.windows.net/cluster1 for the managed identity payments-api",
                "az identity federated-credential create \\",
                "  --name payments-api \\",
                "  --identity-name payments-api \\",
                "  --resource-group rg-payments \\",
                "  --issuer https://acct.z6.web.core.windows.net/cluster1 \\",
                "  --subject system:serviceaccount:payments:api \\",
                "  --audiences api://AzureADTokenExchange",
            ],
            lines.SkipWhile(l => !l.StartsWith("# 2. ", StringComparison.Ordinal)).Take(8));
        var pod = HereDocument(lines, "pod.yaml");
        Assert.Contains("        - name: AZURE_CLIENT_ID\n          value: \"11111111-2222-3333-4444-555555555555\"\n        - name: AZURE_TENANT_ID\n          value: \"66666666-7777-8888-9999-000000000000\"\n        - name: AZURE_FEDERATED_TOKEN_FILE\n          value: \"/var/run/secrets/azure/tokens/azure-identity-token\"\n", pod);
        Assert.Contains("              path: azure-identity-token\n              audience: \"api://AzureADTokenExchange\"\n", pod);
        Assert.Contains("kubectl apply -f pod.yaml", lines);
    }

    [Fact]
    public async Task TrustGcp_PrintsProviderWithUploadedJwks_WhenJwkJsonPathIsGiven()
    {
        var run = await CliRun.RunAsync("trust", "gcp", "--issuer", "https://oidc.example.com/cluster1", "-n", "payments", "-s", "api", "--project-number", "123456789012", "--pool", "k8s", "--provider", "cluster1", "--jwk-json-path", "jwks.json", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Stdout);
        var provider = plan.RootElement.GetProperty("steps")[1].GetProperty("commands");
        Assert.Equal(["kubectl", "get", "--raw", "/openid/v1/jwks"], Argv(provider[0]));
        Assert.Equal("jwks.json", provider[0].GetProperty("stdoutFile").GetString());
        Assert.Equal(
            ["gcloud", "iam", "workload-identity-pools", "providers", "create-oidc", "cluster1", "--location=global", "--workload-identity-pool=k8s", "--issuer-uri=https://oidc.example.com/cluster1", "--attribute-mapping=google.subject=assertion.sub", "--jwk-json-path=jwks.json"],
            Argv(provider[1]));
        Assert.DoesNotContain(plan.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("alternative").GetBoolean() && s.GetProperty("title").GetString()!.StartsWith("OR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrustGcp_PrintsReachableProviderAndCommentedUploadVariant_WhenJwkJsonPathIsNotGiven()
    {
        var run = await CliRun.RunAsync("trust", "gcp", "--issuer", "https://oidc.example.com/cluster1", "-n", "payments", "-s", "api", "--project-number", "123456789012", "--pool", "k8s", "--provider", "cluster1");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal(
            [
                "gcloud iam workload-identity-pools providers create-oidc cluster1 \\",
                "  --location=global \\",
                "  --workload-identity-pool=k8s \\",
                "  --issuer-uri=https://oidc.example.com/cluster1 \\",
                "  --attribute-mapping=google.subject=assertion.sub",
                "",
                "# OR, when the issuer is not reachable from the internet: upload the cluster's JWKS with the provider (run it again after every key rotation, with providers update-oidc):",
                "# kubectl get --raw /openid/v1/jwks > cluster-jwks.json",
                "# gcloud iam workload-identity-pools providers create-oidc cluster1 \\",
            ],
            lines.SkipWhile(l => !l.StartsWith("gcloud iam workload-identity-pools providers", StringComparison.Ordinal)).Take(9));
        Assert.Contains("# --jwk-json-path=cluster-jwks.json".Replace("# ", "#   ", StringComparison.Ordinal), lines);
        Assert.Contains("              audience: \"https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/k8s/providers/cluster1\"", lines);
    }

    [Theory]
    [InlineData("Payments", "api", "--namespace 'Payments' is not a Kubernetes namespace name")]
    [InlineData("payments", "api_1", "--service-account 'api_1' is not a Kubernetes service account name")]
    public async Task Trust_ExitsTwo_WhenServiceAccountIsNotAKubernetesName(string ns, string sa, string message)
    {
        var run = await CliRun.RunAsync("trust", "azure", "--issuer", "https://oidc.example.com/c", "-n", ns, "-s", sa, "--identity-name", "i", "-g", "g");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("issuersync: error: " + message, run.Stderr);
    }

    private static IEnumerable<string?> Argv(JsonElement command) => command.GetProperty("argv").EnumerateArray().Select(a => a.GetString());

    private static string HereDocument(string[] lines, string file)
    {
        var body = lines.SkipWhile(l => l != $"cat > {file} <<'EOF'" && l != $"cat > {file} <<EOF").Skip(1).TakeWhile(l => l != "EOF").ToList();
        Assert.NotEmpty(body);
        return string.Join('\n', body) + "\n";
    }
}
