using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync push</c>; <see cref="PushCommand"/> reads them.</summary>
internal sealed class PushCommandDefinition : VerbDefinition<PushCommand.Options>
{
    public readonly Argument<string> Bundle = new("bundle") { Description = "The bundle file `issuersync agent export` wrote.", HelpName = "BUNDLE" };

    public readonly PushConnectionOptions Connection = new();

    public readonly ReportFormatOption Output = new("table (for people) or json (the publisher's answer, for scripts).");

    public PushCommandDefinition()
        : base("push", SharedOptions.WithExample(
            "Send a bundle from an air-gapped cluster to the publisher, exactly as a live agent pushes (the bundle's token authenticates it).",
            "issuersync push bundle.json --publisher https://issuersync-func.azurewebsites.net"),
            PushCommand.RunAsync)
    {
        Arguments.Add(Bundle);
        Options.Add(Connection.Publisher);
        Connection.AddTo(this);
        Options.Add(Output);
    }

    public override PushCommand.Options Read(ParseResult result) => new()
    {
        Bundle = result.GetRequiredValue(Bundle),
        Connection = Connection.Read(result),
        Output = Output.Read(result),
    };
}
