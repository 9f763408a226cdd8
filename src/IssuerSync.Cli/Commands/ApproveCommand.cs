using System.CommandLine;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync approve</c>: approve an issuer's pending keys by fingerprint (<c>POST {publisher}/api/issuers/{id}/approve</c>).</summary>
internal static class ApproveCommand
{
    public static Command Create()
    {
        var definition = new ApproveCommandDefinition();
        OperatorAction.SetChangeAction(definition, definition.Change, "approve", (result, id) =>
        {
            var fingerprints = result.GetRequiredValue(definition.Fingerprints)
                .Select(Fingerprint.Normalize)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var body = new JsonObject { ["fingerprints"] = new JsonArray(fingerprints.Select(f => (JsonNode)f).ToArray()) };
            return (body, $"approve for issuer {id}");
        });
        return definition;
    }
}
