using System.CommandLine;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// A <c>trust</c> cloud's command: the options every cloud takes (<see cref="TrustOptions"/>) first, then the cloud's own; its action,
/// the same for every cloud, prints the plan <see cref="PlanAsync"/> makes for the identity.
/// </summary>
internal abstract class TrustCommandDefinition : Command
{
    private readonly TrustOptions _common = new();

    protected TrustCommandDefinition(string name, string description)
        : base(name, description)
    {
        _common.AddTo(this);
        CommandRunner.SetAction(this, (result, stdout, stderr, cancellationToken) => TrustCommand.RunAsync(
            _common.Read(result),
            identity => PlanAsync(identity, result, cancellationToken),
            stdout,
            stderr,
            cancellationToken));
    }

    /// <summary>The cloud-side setup that trusts <paramref name="identity"/>, from the cloud's own options.</summary>
    protected abstract Task<CloudSetupPlan> PlanAsync(WorkloadIdentity identity, ParseResult result, CancellationToken cancellationToken);
}
