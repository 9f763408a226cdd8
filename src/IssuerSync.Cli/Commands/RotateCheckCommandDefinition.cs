using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.Rotation.Check;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// The options of <c>issuersync rotate check</c>, read into <see cref="RotateCheckCommand.Options"/>. The publisher connection is the
/// operator verbs' group with --publisher optional and its options described for this verb.
/// </summary>
internal sealed class RotateCheckCommandDefinition : VerbDefinition<RotateCheckCommand.Options>
{
    public readonly Option<string?> Issuer = new("--issuer", "-i")
    {
        Description = "The issuer URL, byte for byte (default with --publisher: the one it registers for --issuer-id).",
        HelpName = "URL",
    };

    public readonly OperatorOptions Connection = new()
    {
        Publisher = new("--publisher", "-p")
        {
            Description = "The publisher's base URL: its status has when each key was published and since when the new key signs. " +
                "Without it only what the documents show is known.",
            HelpName = "URL",
        },
        FunctionKeyFile = SharedOptions.FunctionKeyFile(
            $"With --publisher: a file holding the operator functions' key (default: ${AgentOptions.FunctionKeyVariable} when set)."),
        CaCert = SharedOptions.CaCert("A PEM file of extra trust roots, for the publisher and the issuer (private PKI, tests). Clouds trust only public CAs."),
        Output = new(),
        Timeout = SharedOptions.Timeout("How long to wait for each answer"),
    };

    public readonly Option<string> IssuerId = OperatorOptions.IssuerId(required: false);

    public readonly KeyChoiceOptions New = new(
        "new",
        "The kid of the new key.",
        "The new key's file (public or private; the kid is computed as Kubernetes does).");

    public readonly KeyChoiceOptions Old = new(
        "old",
        "The kid of the key being replaced (default: the publisher's latest signing key, or the one other published kid).",
        "The old key's file, instead of --old-kid.");

    public readonly Option<string?> Step = new("--step")
    {
        Description = "switch (step 3: sign with the new key) or remove (step 5: remove the old key). " +
            "Default: the next step (remove once the new key signs the pushes).",
        HelpName = "switch|remove",
    };

    public readonly DurationOption AgentInterval = AgentOptions.DurationOption(
        "--agent-interval",
        RotationCheck.DefaultAgentInterval,
        "The agent's --interval, waited on top of the JWKS's max-age");

    public readonly DurationOption MaxTokenLifetime = AgentOptions.DurationOption(
        "--max-token-lifetime",
        RotationCheck.DefaultMaxTokenLifetime,
        "The longest lifetime of a token the old key signed (kubelet-projected tokens: 24h)");

    public RotateCheckCommandDefinition()
        : base("check", SharedOptions.WithExample(
            "Tell whether the next rotation step is safe now: switching the signing key (the new kid is in the JWKS the clouds fetch, " +
            "and its max-age plus the agent's interval have passed since the publisher published it) or removing the old key " +
            "(the new key signs the pushes, and the longest token lifetime has passed since it started to). " +
            "Exit 0 when the step is safe, 5 when only time is missing (the time left is printed), 6 when something must be done first or it cannot be known.",
            "issuersync rotate check --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --new-key sa-new.pub",
            "issuersync rotate check --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --new-kid KID --step remove " +
            "--max-token-lifetime 25h --output json"),
            RotateCheckCommand.RunAsync)
    {
        Step.AcceptOnlyFromAmong("switch", "remove");
        this.AddOptions(Issuer, Connection.Publisher, IssuerId, Connection.FunctionKeyFile, Connection.CaCert);
        New.AddTo(this);
        Old.AddTo(this);
        this.AddOptions(Step, AgentInterval, MaxTokenLifetime, Connection.Output, Connection.Timeout);
        Validators.Add(result =>
        {
            if (New.NoneGiven(result) || New.BothGiven(result))
            {
                result.AddError("give the new key as --new-kid KID or --new-key FILE (one of them)");
            }

            if (Old.BothGiven(result))
            {
                result.AddError("give the old key as --old-kid KID or --old-key FILE, not both");
            }

            if ((result.GetValue(Connection.Publisher) is null) != (result.GetValue(IssuerId) is null))
            {
                result.AddError("--publisher and --issuer-id go together: the publisher's status of that issuer");
            }

            if (result.GetValue(Connection.Publisher) is null && result.GetValue(Issuer) is null)
            {
                result.AddError("give --issuer URL, or --publisher URL with --issuer-id ID");
            }
        });
    }

    public override RotateCheckCommand.Options Read(ParseResult result) => new()
    {
        Issuer = result.GetValue(Issuer),
        Connection = Connection.ReadGiven(result),
        IssuerId = result.GetValue(IssuerId),
        NewKid = result.GetValue(New.Kid),
        NewKey = result.GetValue(New.File),
        OldKid = result.GetValue(Old.Kid),
        OldKey = result.GetValue(Old.File),
        Step = result.GetValue(Step) switch { "switch" => RotationStep.Switch, "remove" => RotationStep.Remove, _ => null },
        AgentInterval = AgentInterval.Read(result),
        MaxTokenLifetime = MaxTokenLifetime.Read(result),
        CaCert = result.GetValue(Connection.CaCert),
        Output = Connection.Output.Read(result),
        Timeout = Connection.Timeout.Read(result),
    };
}
