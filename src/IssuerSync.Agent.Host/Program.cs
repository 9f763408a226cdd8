using System.CommandLine;
using IssuerSync.Agent.Hosting;

// issuersync-agent: `issuersync agent run` as its own small executable. The options, their parsing, the run and
// the exit codes are the agent library's (AgentRunCommandLine), the very code the CLI's verb uses.
const string program = "issuersync-agent";
var root = new RootCommand(AgentRunCommandLine.Description(program));
new AgentRunCommandLine().AddTo(root, program);
return await root.Parse(args).InvokeAsync();
