using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust gcp</c>: the workload identity pool and provider, the grant, the credential configuration, and the pod.</summary>
internal sealed class TrustGcpCommandDefinition : TrustCommandDefinition
{
    public readonly Option<string> ProjectNumber = TrustOptions.Name("--project-number", "NUMBER", "The project number (digits) of the pool.");

    public readonly Option<string> Pool = TrustOptions.Name("--pool", "ID", "The workload identity pool id.");

    public readonly Option<string> Provider = TrustOptions.Name("--provider", "ID", "The OIDC provider id in the pool.");

    public readonly Option<string?> Project = new("--project") { Description = "gcloud's --project (default: gcloud's configured project).", HelpName = "ID" };

    public readonly Option<string?> ServiceAccount = new("--gcp-service-account")
    {
        Description = "A Google service account to impersonate (default: grant roles to the federated principal directly).",
        HelpName = "EMAIL",
    };

    public readonly Option<string?> JwkJsonPath = new("--jwk-json-path")
    {
        Description = "Upload the cluster's JWKS from this file with the provider, for an issuer the internet cannot reach " +
            "(kubectl get --raw /openid/v1/jwks > FILE).",
        HelpName = "FILE",
    };

    public TrustGcpCommandDefinition()
        : base("gcp", SharedOptions.WithExample(
            "GCP Workload Identity Federation: pool, OIDC provider (or with the JWKS uploaded by --jwk-json-path), grant, credential configuration, " +
            "and the pod's projected token with GOOGLE_APPLICATION_CREDENTIALS.",
            "issuersync trust gcp --issuer https://storage.googleapis.com/BUCKET/cluster1 -n payments -s api --project-number 123456789012 " +
            "--pool k8s --provider cluster1"))
        => this.AddOptions(ProjectNumber, Pool, Provider, Project, ServiceAccount, JwkJsonPath);

    public GcpSetupOptions Read(ParseResult result) => new()
    {
        ProjectNumber = result.GetRequiredValue(ProjectNumber),
        PoolId = result.GetRequiredValue(Pool),
        ProviderId = result.GetRequiredValue(Provider),
        Project = result.GetValue(Project),
        ServiceAccountEmail = result.GetValue(ServiceAccount),
        JwkJsonPath = result.GetValue(JwkJsonPath),
    };

    protected override Task<CloudSetupPlan> PlanAsync(WorkloadIdentity identity, ParseResult result, CancellationToken cancellationToken)
        => Task.FromResult(GcpSetup.Build(identity, Read(result)));
}
