using System.CommandLine;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync publish-now</c>: publish an issuer's documents now (<c>POST {publisher}/api/issuers/{id}/publish</c>).</summary>
internal static class PublishNowCommand
{
    public static Command Create()
    {
        var definition = new PublishNowCommandDefinition();
        definition.Publisher.SetAction(definition, async (result, connection, client, cancellationToken) =>
        {
            var id = IssuerId.Check(result.GetRequiredValue(definition.IssuerId));
            var answer = await OperatorAction.PostAsync(
                client,
                connection,
                id,
                "publish",
                null,
                $"publish-now for issuer {id}",
                "publish-now",
                result.InvocationConfiguration.Output,
                cancellationToken).ConfigureAwait(false);

            // Publishing is the whole of this verb: a failed publish is a failure, unlike after approve or revoke.
            return ActionWriter.PublishFailure(answer) is { } message
                ? throw new PublisherException(
                    $"the publisher could not publish the documents of issuer {id}: {message}. " +
                    "Hint: the previously published documents are intact; fix the cause and run publish-now again",
                    "publish_failed")
                : ExitCode.Success;
        });
        return definition;
    }
}
