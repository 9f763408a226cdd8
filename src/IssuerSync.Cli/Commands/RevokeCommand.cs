using System.CommandLine;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Operators;
using IssuerSync.Core;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync revoke</c>: withdraw a key at once (<c>POST {publisher}/api/issuers/{id}/revoke</c>).</summary>
internal static class RevokeCommand
{
    public sealed class Options
    {
        public required PublisherConnection Connection { get; init; }

        public required string IssuerId { get; init; }

        public required string Kid { get; init; }

        public bool ConfirmSigningKey { get; init; }

        public string? Operator { get; init; }
    }

    public static Command Create()
    {
        var shared = new OperatorOptions();
        var issuerId = OperatorOptions.IssuerId(required: true);
        var kid = new Option<string>("--kid")
        {
            Description = "The kid to revoke, as `issuersync status` lists it. It is never published or trusted again.",
            Required = true,
            HelpName = "KID",
        };
        var confirm = new Option<bool>("--confirm-signing-key")
        {
            Description = "Revoke even the key that signed the latest accepted push: the agent's next push is refused until the cluster signs with another key.",
        };
        var operatorName = OperatorOptions.Operator();
        var command = new Command("revoke", SharedOptions.WithExample(
            "Revoke an issuer's key at once (a leaked or retired key): it is dropped from the published JWKS and never trusted again. Prints what changed and what was published. Exit 3 when the publisher refuses (its error code and message are printed).",
            "issuersync revoke --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --kid 0hYqk0w5W7Dx-M9pd6v4-1ljO41Becfju4Sapnzs38k --function-key-file operator.key"))
        {
            issuerId, kid, confirm, operatorName,
        };
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Connection = shared.Connection(result),
                IssuerId = result.GetRequiredValue(issuerId),
                Kid = result.GetRequiredValue(kid),
                ConfirmSigningKey = result.GetValue(confirm),
                Operator = result.GetValue(operatorName),
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        return OperatorOptions.RunAsync(options.Connection, stdout, stderr, RevokeAsync, cancellationToken);

        async Task<ExitCode> RevokeAsync(PublisherClient client)
        {
            var id = IssuerId.Check(options.IssuerId);
            if (string.IsNullOrWhiteSpace(options.Kid) || options.Kid.Any(char.IsControl))
            {
                throw new IssuerSyncException($"--kid '{options.Kid}': give the kid as `issuersync status` lists it");
            }

            var operatorName = OperatorName.Check(options.Operator ?? OperatorName.Default());
            var body = new JsonObject
            {
                ["kid"] = options.Kid,
                ["confirmSigningKey"] = options.ConfirmSigningKey,
                ["operator"] = operatorName,
            };
            var answer = await client.PostAsync(IssuerId.Route(id, "revoke"), body, $"revoke of {options.Kid} for issuer {id}", cancellationToken).ConfigureAwait(false);
            await ActionWriter.WriteAsync(answer, "revoke", id, options.Connection.Output, stdout, cancellationToken).ConfigureAwait(false);
            await ApproveCommand.WarnWhenUnpublishedAsync(answer, options.Connection, id, stderr).ConfigureAwait(false);
            return ExitCode.Success;
        }
    }
}
