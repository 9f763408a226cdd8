using System.Text.Json.Nodes;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary>The steps the action verbs (approve, revoke, publish-now) share: POST the action, print the answer, warn.</summary>
internal static class OperatorAction
{
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
    public static async Task WarnWhenUnpublishedAsync(PublisherAnswer answer, PublisherConnection connection, string issuerId, TextWriter stderr)
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
