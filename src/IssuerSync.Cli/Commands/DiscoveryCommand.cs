using System.CommandLine;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync discovery</c>: print the discovery document kube-apiserver would serve.</summary>
internal static class DiscoveryCommand
{
    public sealed class Options
    {
        public required string Issuer { get; init; }

        public string? JwksUri { get; init; }

        public required IReadOnlyList<string> Keys { get; init; }
    }

    public static Command Create()
    {
        var issuer = SharedOptions.Issuer();
        var jwksUri = SharedOptions.JwksUri();
        var keys = SharedOptions.Keys();
        var command = new Command("discovery", SharedOptions.WithExample(
            "Print the OpenID discovery document (/.well-known/openid-configuration) for an issuer and its keys, as kube-apiserver serves it.",
            "issuersync discovery --issuer https://ACCOUNT.blob.core.windows.net/oidc --key /etc/kubernetes/pki/sa.pub"))
        {
            issuer,
            jwksUri,
            keys,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options { Issuer = result.GetRequiredValue(issuer), JwksUri = result.GetValue(jwksUri), Keys = result.GetRequiredValue(keys) },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var issuer = IssuerUrl.Parse(options.Issuer);
            var jwksUri = options.JwksUri is null ? null : JwksUri.Parse(options.JwksUri);
            var keySet = await KeyLoading.LoadAsync(options.Keys, cancellationToken).ConfigureAwait(false);
            var documents = IssuerDocuments.Create(issuer, jwksUri, keySet);
            await DocumentOutput.WriteAsync(documents.Discovery, null, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        });
}
