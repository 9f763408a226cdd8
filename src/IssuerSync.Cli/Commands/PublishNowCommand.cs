using System.CommandLine;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync publish-now</c>: publish an issuer's documents now (<c>POST {publisher}/api/issuers/{id}/publish</c>).</summary>
internal static class PublishNowCommand
{
    public sealed class Options
    {
        public required PublisherConnection Connection { get; init; }

        public required string IssuerId { get; init; }
    }

    public static Command Create()
    {
        var shared = new OperatorOptions();
        var issuerId = OperatorOptions.IssuerId(required: true);
        var command = new Command("publish-now", SharedOptions.WithExample(
            "Publish an issuer's documents now instead of at the next reconcile (after a key rotation, or to repair a document someone deleted). Prints what was published. Exit 3 when the publisher refuses or the publish failed.",
            "issuersync publish-now --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --function-key-file operator.key"))
        {
            issuerId,
        };
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options { Connection = shared.Connection(result), IssuerId = result.GetRequiredValue(issuerId) },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        return OperatorOptions.RunAsync(options.Connection, stdout, stderr, PublishAsync, cancellationToken);

        async Task<ExitCode> PublishAsync(PublisherClient client)
        {
            var id = IssuerId.Check(options.IssuerId);
            var what = $"publish-now for issuer {id}";
            var answer = await client.PostAsync(IssuerId.Route(id, "publish"), null, what, cancellationToken).ConfigureAwait(false);
            await ActionWriter.WriteAsync(answer, "publish-now", id, options.Connection.Output, stdout, cancellationToken).ConfigureAwait(false);

            // Publishing is the whole of this verb: a failed publish is a failure, unlike after approve or revoke.
            return ActionWriter.PublishFailure(answer) is { } message
                ? throw new PublisherException($"the publisher could not publish the documents of issuer {id}: {message}. Hint: the previously published documents are intact; fix the cause and run publish-now again", "publish_failed")
                : ExitCode.Success;
        }
    }
}
