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
        definition.SetAction((result, cancellationToken) => RunAsync(definition, result, cancellationToken));
        return definition;
    }

    private static Task<int> RunAsync(ApproveCommandDefinition definition, ParseResult result, CancellationToken cancellationToken)
    {
        var connection = definition.Publisher.Read(result);
        var stdout = result.InvocationConfiguration.Output;
        return OperatorOptions.RunAsync(connection, stdout, result.InvocationConfiguration.Error, ApproveAsync, cancellationToken);

        async Task<ExitCode> ApproveAsync(PublisherClient client)
        {
            var id = IssuerId.Check(result.GetRequiredValue(definition.IssuerId));
            var fingerprints = result.GetRequiredValue(definition.Fingerprints).Select(Fingerprint.Normalize).Distinct(StringComparer.Ordinal).ToList();
            var operatorName = OperatorName.Check(result.GetValue(definition.Operator) ?? OperatorName.Default());
            var body = new JsonObject
            {
                ["fingerprints"] = new JsonArray(fingerprints.Select(f => (JsonNode)f).ToArray()),
                ["operator"] = operatorName,
            };
            var answer = await client.PostAsync(IssuerId.Route(id, "approve"), body, $"approve for issuer {id}", cancellationToken).ConfigureAwait(false);
            await ActionWriter.WriteAsync(answer, "approve", id, connection.Output, stdout, cancellationToken).ConfigureAwait(false);
            await WarnWhenUnpublishedAsync(answer, connection, id, result.InvocationConfiguration.Error).ConfigureAwait(false);
            return ExitCode.Success;
        }
    }
    /// <summary>The action landed but the documents were not written: say so, and how it completes (shared with revoke).</summary>
    public static async Task WarnWhenUnpublishedAsync(PublisherAnswer answer, PublisherConnection connection, string issuerId, TextWriter stderr)
    {
        if (ActionWriter.PublishFailure(answer) is { } message)
        {
            await stderr.WriteLineAsync(
                $"issuersync: warning: the publisher recorded the change but did not publish the documents ({message}); the next reconcile completes it, " +
                $"or run: issuersync publish-now --publisher {Core.CloudSetup.ShellQuote.Quote(connection.Publisher)} --issuer-id {issuerId}").ConfigureAwait(false);
        }
    }
}
