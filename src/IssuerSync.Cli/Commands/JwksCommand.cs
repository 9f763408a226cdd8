using System.CommandLine;
using IssuerSync.Core.Documents;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync jwks</c>: print (or write) the JWKS for key files.</summary>
internal static class JwksCommand
{
    public sealed class Options
    {
        public required IReadOnlyList<string> Keys { get; init; }

        public string? Out { get; init; }
    }

    public static Command Create()
    {
        var keys = SharedOptions.Keys();
        var output = new Option<string?>("--out", "-o") { Description = "Write the JWKS to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("jwks", SharedOptions.WithExample(
            "Print the JSON Web Key Set (RFC 7517) for service-account keys, with the kid Kubernetes puts in its tokens.",
            "issuersync jwks --key /etc/kubernetes/pki/sa.pub",
            "issuersync jwks --key /var/lib/rancher/k3s/server/tls/service.key --out jwks.json"))
        {
            keys,
            output,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options { Keys = result.GetRequiredValue(keys), Out = result.GetValue(output) },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var keySet = await KeyLoading.LoadAsync(options.Keys, cancellationToken).ConfigureAwait(false);
            var jwks = JwksDocument.Build(keySet);
            await DocumentOutput.WriteAsync(jwks, options.Out, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        });
}
