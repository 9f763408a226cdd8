using System.CommandLine;
using IssuerSync.Cli.Commands;

namespace IssuerSync.Cli;

/// <summary>The <c>issuersync</c> command tree.</summary>
public static class CliApp
{
    public static RootCommand Create() => new(
        "IssuerSync publishes a self-hosted Kubernetes cluster's OIDC discovery document and JWKS to public static storage, " +
        "so that Entra Workload ID, AWS IAM and GCP Workload Identity Federation trust its service-account tokens.")
    {
        new JwksCommandDefinition(),
        new DiscoveryCommandDefinition(),
        PublishCommand.Create(),
        VerifyCommand.Create(),
        TrustCommand.Create(),
        AgentCommand.Create(),
        PushCommand.Create(),
        ServeCommand.Create(),
        ApproveCommand.Create(),
        RevokeCommand.Create(),
        StatusCommand.Create(),
        PublishNowCommand.Create(),
        RotateCommand.Create(),
    };

    public static Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
}
