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
        definition.SetAction((result, cancellationToken) => RunAsync(definition, result, cancellationToken));
        return definition;
    }

    private static Task<int> RunAsync(RevokeCommandDefinition definition, ParseResult result, CancellationToken cancellationToken)
    {
        var connection = definition.Publisher.Read(result);
        var stdout = result.InvocationConfiguration.Output;
        return OperatorOptions.RunAsync(connection, stdout, result.InvocationConfiguration.Error, RevokeAsync, cancellationToken);

        async Task<ExitCode> RevokeAsync(PublisherClient client)
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
            var answer = await client.PostAsync(IssuerId.Route(id, "revoke"), body, $"revoke of {kid} for issuer {id}", cancellationToken).ConfigureAwait(false);
            await ActionWriter.WriteAsync(answer, "revoke", id, connection.Output, stdout, cancellationToken).ConfigureAwait(false);
            await ApproveCommand.WarnWhenUnpublishedAsync(answer, connection, id, result.InvocationConfiguration.Error).ConfigureAwait(false);
            return ExitCode.Success;
        }
    }
}
