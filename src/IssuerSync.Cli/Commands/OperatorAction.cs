using System.CommandLine;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary>The steps the action verbs (approve, revoke, publish-now) share: POST the action, print the answer, warn.</summary>
internal static class OperatorAction
{
    /// <summary>
    /// Makes a change on one issuer the action of <paramref name="command"/> (approve, revoke): <paramref name="request"/> gives the
    /// body and the wording for the issuer id; the operator is recorded last, the answer printed and a missed publish warned about.
    /// </summary>
    public static void SetChangeAction(
        Command command,
        ChangeOptions change,
        string action,
        Func<ParseResult, string, (JsonObject Body, string What)> request)
        => change.Publisher.SetAction(command, async (result, connection, client, cancellationToken) =>
        {
            var id = IssuerId.Check(result.GetRequiredValue(change.IssuerId));
            var (body, what) = request(result, id);
            body["operator"] = OperatorName.Check(result.GetValue(change.Operator) ?? OperatorName.Default());
            var stdout = result.InvocationConfiguration.Output;
            var answer = await PostAsync(client, connection, id, action, body, what, action, stdout, cancellationToken).ConfigureAwait(false);
            await WarnWhenUnpublishedAsync(answer, connection, id, result.InvocationConfiguration.Error).ConfigureAwait(false);
            return ExitCode.Success;
        });

    /// <summary>POSTs <paramref name="body"/> to <c>api/issuers/{id}/{action}</c> and prints the publisher's answer.</summary>
    public static async Task<PublisherAnswer> PostAsync(
        PublisherClient client,
        PublisherConnection connection,
        string issuerId,
        string action,
        JsonObject? body,
        string what,
        string verb,
        TextWriter stdout,
        CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync(IssuerId.Route(issuerId, action), body, what, cancellationToken).ConfigureAwait(false);
        await ActionWriter.WriteAsync(answer, verb, issuerId, connection.Output, stdout, cancellationToken).ConfigureAwait(false);
        return answer;
    }

    /// <summary>The action landed but the documents were not written: say so, and how it completes (approve and revoke).</summary>
    private static async Task WarnWhenUnpublishedAsync(PublisherAnswer answer, PublisherConnection connection, string issuerId, TextWriter stderr)
    {
        if (ActionWriter.PublishFailure(answer) is { } message)
        {
            await stderr.WriteLineAsync(
                "issuersync: warning: the publisher recorded the change but did not publish the documents " +
                $"({message}); the next reconcile completes it, " +
                $"or run: issuersync publish-now --publisher {Core.CloudSetup.ShellQuote.Quote(connection.Publisher)} --issuer-id {issuerId}")
                .ConfigureAwait(false);
        }
    }
}
