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
        definition.Publisher.SetAction(definition, (result, connection, client, cancellationToken) =>
            ApproveAsync(definition, result, connection, client, cancellationToken));
        return definition;
    }

    private static async Task<ExitCode> ApproveAsync(
        ApproveCommandDefinition definition,
        ParseResult result,
        PublisherConnection connection,
        PublisherClient client,
        CancellationToken cancellationToken)
    {
        var id = IssuerId.Check(result.GetRequiredValue(definition.IssuerId));
        var fingerprints = result.GetRequiredValue(definition.Fingerprints)
            .Select(Fingerprint.Normalize)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var operatorName = OperatorName.Check(result.GetValue(definition.Operator) ?? OperatorName.Default());
        var body = new JsonObject
        {
            ["fingerprints"] = new JsonArray(fingerprints.Select(f => (JsonNode)f).ToArray()),
            ["operator"] = operatorName,
        };
        var stdout = result.InvocationConfiguration.Output;
        var answer = await OperatorAction.PostAsync(
            client, connection, id, "approve", body, $"approve for issuer {id}", "approve", stdout, cancellationToken).ConfigureAwait(false);
        await OperatorAction.WarnWhenUnpublishedAsync(answer, connection, id, result.InvocationConfiguration.Error).ConfigureAwait(false);
        return ExitCode.Success;
    }
}
