using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.Push;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync agent export</c>, read into <see cref="AgentExportCommand.Options"/>.</summary>
internal sealed class AgentExportCommandDefinition : VerbDefinition<AgentExportCommand.Options>
{
    public readonly Option<string> Issuer = SharedOptions.Issuer();

    public readonly Option<string> Out = new("--out", "-o")
    {
        Description = "The bundle file to write (readable by its owner only: it holds a token).",
        Required = true,
        HelpName = "FILE",
    };

    public readonly Option<string> Audience = AgentOptions.Audience();

    public readonly DurationOption TokenExpiration = AgentOptions.DurationOption(
        "--token-expiration",
        AgentExportCommand.DefaultTokenExpiration,
        "Lifetime of the bundle's token: the time to carry it to a connected host and push it. The publisher refuses a token that lives longer " +
        "than the issuer's MaxTokenLifetime (1h by default): to carry a bundle longer, raise IssuerSync__Issuers__N__MaxTokenLifetime " +
        "(at most 48h) on the publisher first");

    public readonly Option<string[]> KeyFiles = AgentOptions.KeyFiles();

    public readonly ClusterAccessOptions Cluster = new();

    public readonly ReportFormatOption Output = ReportFormatOption.WithoutShortAlias();

    public AgentExportCommandDefinition()
        : base("export", SharedOptions.WithExample(
            "Write the push a live agent would send, with a token the cluster minted for it, to a file. " +
            "Carry it to a connected host and send it with `issuersync push`.",
            "issuersync agent export --issuer https://acct.blob.core.windows.net/oidc/cluster1 --out bundle.json"),
            AgentExportCommand.RunAsync)
    {
        this.AddOptions(Issuer, Out, Audience, TokenExpiration, KeyFiles);
        Cluster.AddTo(this);
        Options.Add(Output);
    }

    public override AgentExportCommand.Options Read(ParseResult result) => new()
    {
        Issuer = result.GetRequiredValue(Issuer),
        Out = result.GetRequiredValue(Out),
        Audience = result.GetValue(Audience) ?? PushProtocol.DefaultAudience,
        TokenExpiration = TokenExpiration.Read(result),
        KeyFiles = result.GetValue(KeyFiles) ?? [],
        Cluster = Cluster.Read(result),
        Output = Output.Read(result),
    };
}
