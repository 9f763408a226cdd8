using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// The options of a change on one issuer (approve, revoke), declared once: --issuer-id, the change's own options, --operator
/// (recorded in the issuer's history), then the publisher group.
/// </summary>
internal sealed class ChangeOptions
{
    public OperatorOptions Publisher { get; } = new();

    public Option<string> IssuerId { get; } = OperatorOptions.IssuerId(required: true);

    public Option<string?> Operator { get; } = OperatorOptions.Operator();

    /// <summary>Adds the group around <paramref name="change"/>, the verb's own options, in the order help lists them.</summary>
    public void AddTo(Command command, params IEnumerable<Option> change)
    {
        command.AddOptions([IssuerId, .. change, Operator]);
        Publisher.AddTo(command);
    }
}
