using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// <c>issuersync agent probe</c>: is the agent's liveness file fresh? The options and the check are the agent library's
/// (<see cref="AgentProbeCommandLine"/>), shared with <c>issuersync-agent probe</c>, the image's livenessProbe.
/// </summary>
internal static class AgentProbeCommand
{
    public static Command Create()
    {
        var command = new Command(AgentProbeCommandLine.Name, AgentProbeCommandLine.Description("issuersync agent probe"));
        new AgentProbeCommandLine().AddTo(command, "issuersync");
        return command;
    }
}
