using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync agent</c>: the in-cluster agent's verbs (their options are the agent library's <c>AgentOptions</c>).</summary>
internal static class AgentCommand
{
    public static Command Create() => new("agent", SharedOptions.WithExample(
        "Run inside (or next to) the cluster: read the keys the API server verifies tokens with and push them to the publisher, " +
        "authenticated by a token the cluster minted for the agent's own service account.",
        "issuersync agent run --publisher https://issuersync-func.azurewebsites.net --issuer https://acct.blob.core.windows.net/oidc/cluster1",
        "issuersync agent export --issuer https://acct.blob.core.windows.net/oidc/cluster1 --out bundle.json"))
    {
        AgentRunCommand.Create(),
        AgentExportCommand.Create(),
        AgentProbeCommand.Create(),
    };
}
