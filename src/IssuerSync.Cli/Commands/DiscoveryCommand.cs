using System.CommandLine;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync discovery</c>: print the discovery document kube-apiserver would serve.</summary>
internal static class DiscoveryCommand
{
    public static Command Create()
    {
        var definition = new DiscoveryCommandDefinition();
        CommandRunner.SetAction(definition, (result, stdout, stderr, cancellationToken) => RunAsync(
            result.GetRequiredValue(definition.Issuer),
            result.GetValue(definition.JwksUri),
            result.GetRequiredValue(definition.Keys),
            stdout,
            stderr,
            cancellationToken));
        return definition;
    }

    public static Task<int> RunAsync(
        string issuer,
        string? jwksUri,
        IReadOnlyList<string> keys,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var issuerUrl = IssuerUrl.Parse(issuer);
            var advertised = jwksUri is null ? null : JwksUri.Parse(jwksUri);
            var keySet = await KeyLoading.LoadAsync(keys, cancellationToken).ConfigureAwait(false);
            var documents = IssuerDocuments.Create(issuerUrl, advertised, keySet);
            await DocumentOutput.WriteAsync(documents.Discovery, null, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        });
}
