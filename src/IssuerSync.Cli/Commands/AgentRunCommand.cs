using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// <c>issuersync agent run</c>: keep the publisher's copy of the cluster's keys current. The options and the run
/// itself are the agent library's (<see cref="AgentRunCommandLine"/>), shared with the <c>issuersync-agent</c> executable.
/// </summary>
internal static class AgentRunCommand
{
    public static Command Create()
    {
        var command = new Command("run", AgentRunCommandLine.Description("issuersync agent run"));
        new AgentRunCommandLine().AddTo(command, "issuersync");
        return command;
    }
}
