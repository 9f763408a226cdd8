using System.CommandLine;
using System.Text.Json.Nodes;
using IssuerSync.Core;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync revoke</c>: withdraw a key at once (<c>POST {publisher}/api/issuers/{id}/revoke</c>).</summary>
internal static class RevokeCommand
{
    public static Command Create()
    {
        var definition = new RevokeCommandDefinition();
        OperatorAction.SetChangeAction(definition, definition.Change, "revoke", (result, id) =>
        {
            var kid = result.GetRequiredValue(definition.Kid);
            if (string.IsNullOrWhiteSpace(kid) || kid.Any(char.IsControl))
            {
                throw new IssuerSyncException($"--kid '{kid}': give the kid as `issuersync status` lists it");
            }

            var body = new JsonObject
            {
                ["kid"] = kid,
                ["confirmSigningKey"] = result.GetValue(definition.ConfirmSigningKey),
            };
            return (body, $"revoke of {kid} for issuer {id}");
        });
        return definition;
    }
}
