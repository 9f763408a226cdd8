using System.CommandLine;
using IssuerSync.Agent.Hosting;

// issuersync-agent: `issuersync agent run` as its own small executable, and `probe`, the liveness probe of its image
// (which has no shell). The options, their parsing, the actions and the exit codes are the agent library's
// (AgentRunCommandLine, AgentProbeCommandLine), the very code the CLI's `agent run` and `agent probe` use.
const string program = "issuersync-agent";
var root = new RootCommand(AgentRunCommandLine.Description(program));
new AgentRunCommandLine().AddTo(root, program);
var probe = new Command(AgentProbeCommandLine.Name, AgentProbeCommandLine.Description($"{program} {AgentProbeCommandLine.Name}"));
new AgentProbeCommandLine().AddTo(probe, program);
root.Subcommands.Add(probe);
return await root.Parse(args).InvokeAsync();
