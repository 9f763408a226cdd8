using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync status</c>, read into <see cref="StatusCommand.Options"/>.</summary>
internal sealed class StatusCommandDefinition : VerbDefinition<StatusCommand.Options>
{
    public readonly OperatorOptions Publisher = new();

    public readonly Option<string> IssuerId = OperatorOptions.IssuerId(required: false);

    public readonly DurationOption StaleAfter = DurationOption.Optional(
        "--stale-after",
        "Mark an issuer STALE when its agent has not pushed for longer than this, instead of the publisher's own StaleAfter setting " +
        "(2h unless configured: twice the agent's hourly --resync, the longest a healthy agent stays silent)",
        "the publisher's StaleAfter");

    public StatusCommandDefinition()
        : base("status", SharedOptions.WithExample(
            "Show each issuer's keys (active, retained until, pending, revoked), the last push, publish and error, " +
            "and STALE when its agent has gone silent. Pending keys are listed with their full fingerprints and the issuersync approve command that " +
            "approves them. Exit 3 when the publisher refuses.",
            "issuersync status --publisher https://issuersync-func.azurewebsites.net --function-key-file operator.key",
            "issuersync status --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --output json",
            "issuersync status --publisher https://issuersync-func.azurewebsites.net --stale-after 3h"),
            StatusCommand.RunAsync)
    {
        IssuerId.Description = "One issuer's id; without it, every issuer the publisher serves.";
        this.AddOptions(IssuerId, StaleAfter);
        Publisher.AddTo(this);
    }

    public override StatusCommand.Options Read(ParseResult result) => new()
    {
        Connection = Publisher.Read(result),
        IssuerId = result.GetValue(IssuerId),
        StaleAfter = StaleAfter.ReadOptional(result),
    };
}
