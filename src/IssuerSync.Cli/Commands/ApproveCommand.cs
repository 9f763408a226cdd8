using System.CommandLine;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync approve</c>: approve an issuer's pending keys by fingerprint (<c>POST {publisher}/api/issuers/{id}/approve</c>).</summary>
internal static class ApproveCommand
{
    public sealed class Options
    {
        public required PublisherConnection Connection { get; init; }

        public required string IssuerId { get; init; }

        public required IReadOnlyList<string> Fingerprints { get; init; }

        public string? Operator { get; init; }
    }

    public static Command Create()
    {
        var shared = new OperatorOptions();
        var issuerId = OperatorOptions.IssuerId(required: true);
        var fingerprints = new Option<string[]>("--fingerprint")
        {
            Description = "The SHA-256 of a pending key's DER SubjectPublicKeyInfo: 64 hex digits (':' separators and upper case allowed), as `issuersync status` lists it. Repeat for several keys.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FP",
        };
        var operatorName = OperatorOptions.Operator();
        var command = new Command("approve", SharedOptions.WithExample(
            "Approve an issuer's pending keys by fingerprint, after comparing them with the cluster's key: they are trusted and published at once. Prints what changed and what was published. Exit 3 when the publisher refuses (its error code and message are printed).",
            "issuersync approve --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --fingerprint d2162a934c395bb0f1f8cf6977abf8fb59633b8d4179c7e3bb849aa67cecdfc9 --function-key-file operator.key"))
        {
            issuerId, fingerprints, operatorName,
        };
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Connection = shared.Connection(result),
                IssuerId = result.GetRequiredValue(issuerId),
                Fingerprints = result.GetRequiredValue(fingerprints),
                Operator = result.GetValue(operatorName),
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        return OperatorOptions.RunAsync(options.Connection, stdout, stderr, ApproveAsync, cancellationToken);

        async Task<ExitCode> ApproveAsync(PublisherClient client)
        {
            var id = IssuerId.Check(options.IssuerId);
            var fingerprints = options.Fingerprints.Select(Fingerprint.Normalize).Distinct(StringComparer.Ordinal).ToList();
            var operatorName = OperatorName.Check(options.Operator ?? OperatorName.Default());
            var body = new JsonObject
            {
                ["fingerprints"] = new JsonArray(fingerprints.Select(f => (JsonNode)f).ToArray()),
                ["operator"] = operatorName,
            };
            var answer = await client.PostAsync(IssuerId.Route(id, "approve"), body, $"approve for issuer {id}", cancellationToken).ConfigureAwait(false);
            await ActionWriter.WriteAsync(answer, "approve", id, options.Connection.Output, stdout, cancellationToken).ConfigureAwait(false);
            await WarnWhenUnpublishedAsync(answer, options.Connection, id, stderr).ConfigureAwait(false);
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
