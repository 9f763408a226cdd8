using System.CommandLine;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust gcp</c>: the workload identity pool and provider, the grant, the credential configuration, and the pod.</summary>
internal static class TrustGcpCommand
{
    public static Command Create()
    {
        var common = new TrustOptions();
        var projectNumber = new Option<string>("--project-number")
        {
            Description = "The project number (digits) of the pool.",
            Required = true,
            HelpName = "NUMBER",
        };
        var pool = new Option<string>("--pool") { Description = "The workload identity pool id.", Required = true, HelpName = "ID" };
        var provider = new Option<string>("--provider") { Description = "The OIDC provider id in the pool.", Required = true, HelpName = "ID" };
        var project = new Option<string?>("--project") { Description = "gcloud's --project (default: gcloud's configured project).", HelpName = "ID" };
        var serviceAccount = new Option<string?>("--gcp-service-account")
        {
            Description = "A Google service account to impersonate (default: grant roles to the federated principal directly).",
            HelpName = "EMAIL",
        };
        var jwkJsonPath = new Option<string?>("--jwk-json-path")
        {
            Description = "Upload the cluster's JWKS from this file with the provider, for an issuer the internet cannot reach " +
                "(kubectl get --raw /openid/v1/jwks > FILE).",
            HelpName = "FILE",
        };
        var command = new Command("gcp", SharedOptions.WithExample(
            "GCP Workload Identity Federation: pool, OIDC provider (or with the JWKS uploaded by --jwk-json-path), grant, credential configuration, " +
            "and the pod's projected token with GOOGLE_APPLICATION_CREDENTIALS.",
            "issuersync trust gcp --issuer https://storage.googleapis.com/BUCKET/cluster1 -n payments -s api --project-number 123456789012 " +
            "--pool k8s --provider cluster1"));
        common.AddTo(command);
        command.Options.Add(projectNumber);
        command.Options.Add(pool);
        command.Options.Add(provider);
        command.Options.Add(project);
        command.Options.Add(serviceAccount);
        command.Options.Add(jwkJsonPath);
        CommandRunner.SetAction(command, (result, stdout, stderr, cancellationToken) => TrustCommand.RunAsync(
            common.Read(result),
            identity => GcpSetup.Build(identity, new GcpSetupOptions
            {
                ProjectNumber = result.GetRequiredValue(projectNumber),
                PoolId = result.GetRequiredValue(pool),
                ProviderId = result.GetRequiredValue(provider),
                Project = result.GetValue(project),
                ServiceAccountEmail = result.GetValue(serviceAccount),
                JwkJsonPath = result.GetValue(jwkJsonPath),
            }),
            stdout,
            stderr,
            cancellationToken));
        return command;
    }
}
