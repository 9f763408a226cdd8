using System.CommandLine;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync publish-now</c>: publish an issuer's documents now (<c>POST {publisher}/api/issuers/{id}/publish</c>).</summary>
internal static class PublishNowCommand
{
    public static Command Create()
    {
        var definition = new PublishNowCommandDefinition();
        definition.SetAction((result, cancellationToken) => RunAsync(definition, result, cancellationToken));
        return definition;
    }

    private static Task<int> RunAsync(PublishNowCommandDefinition definition, ParseResult result, CancellationToken cancellationToken)
    {
        var connection = definition.Publisher.Read(result);
        var stdout = result.InvocationConfiguration.Output;
        return OperatorOptions.RunAsync(connection, stdout, result.InvocationConfiguration.Error, PublishAsync, cancellationToken);

        async Task<ExitCode> PublishAsync(PublisherClient client)
        {
            var id = IssuerId.Check(result.GetRequiredValue(definition.IssuerId));
            var what = $"publish-now for issuer {id}";
            var answer = await client.PostAsync(IssuerId.Route(id, "publish"), null, what, cancellationToken).ConfigureAwait(false);
            await ActionWriter.WriteAsync(answer, "publish-now", id, connection.Output, stdout, cancellationToken).ConfigureAwait(false);

            // Publishing is the whole of this verb: a failed publish is a failure, unlike after approve or revoke.
            return ActionWriter.PublishFailure(answer) is { } message
                ? throw new PublisherException($"the publisher could not publish the documents of issuer {id}: {message}. Hint: the previously published documents are intact; fix the cause and run publish-now again", "publish_failed")
                : ExitCode.Success;
        }
    }
}
