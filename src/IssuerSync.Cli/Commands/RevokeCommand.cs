using System.CommandLine;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Operators;
using IssuerSync.Core;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync revoke</c>: withdraw a key at once (<c>POST {publisher}/api/issuers/{id}/revoke</c>).</summary>
internal static class RevokeCommand
{
    public static Command Create()
    {
        var definition = new RevokeCommandDefinition();
        definition.Publisher.SetAction(definition, (result, connection, client, cancellationToken) =>
            RevokeAsync(definition, result, connection, client, cancellationToken));
        return definition;
    }

    private static async Task<ExitCode> RevokeAsync(
        RevokeCommandDefinition definition,
        ParseResult result,
        PublisherConnection connection,
        PublisherClient client,
        CancellationToken cancellationToken)
    {
        var id = IssuerId.Check(result.GetRequiredValue(definition.IssuerId));
        var kid = result.GetRequiredValue(definition.Kid);
        if (string.IsNullOrWhiteSpace(kid) || kid.Any(char.IsControl))
        {
            throw new IssuerSyncException($"--kid '{kid}': give the kid as `issuersync status` lists it");
        }

        var operatorName = OperatorName.Check(result.GetValue(definition.Operator) ?? OperatorName.Default());
        var body = new JsonObject
        {
            ["kid"] = kid,
            ["confirmSigningKey"] = result.GetValue(definition.ConfirmSigningKey),
            ["operator"] = operatorName,
        };
        var stdout = result.InvocationConfiguration.Output;
        var answer = await OperatorAction.PostAsync(
            client, connection, id, "revoke", body, $"revoke of {kid} for issuer {id}", "revoke", stdout, cancellationToken).ConfigureAwait(false);
        await OperatorAction.WarnWhenUnpublishedAsync(answer, connection, id, result.InvocationConfiguration.Error).ConfigureAwait(false);
        return ExitCode.Success;
    }
}
