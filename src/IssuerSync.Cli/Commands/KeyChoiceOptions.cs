using System.CommandLine;
using System.CommandLine.Parsing;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>A key of <c>rotate check</c> given by its kid or by its file: <c>--{role}-kid</c> and <c>--{role}-key</c>.</summary>
internal sealed class KeyChoiceOptions(string role, string kidDescription, string fileDescription)
{
    public Option<string?> Kid { get; } = new($"--{role}-kid") { Description = kidDescription, HelpName = "KID" };

    public Option<string?> File { get; } = new($"--{role}-key") { Description = fileDescription, HelpName = "FILE" };

    public void AddTo(Command command) => command.AddOptions(Kid, File);

    public bool BothGiven(CommandResult result) => result.GetValue(Kid) is not null && result.GetValue(File) is not null;

    public bool NoneGiven(CommandResult result) => result.GetValue(Kid) is null && result.GetValue(File) is null;
}
