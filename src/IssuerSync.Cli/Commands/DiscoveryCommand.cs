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
        return DocumentOutput.SetAction(definition, async (result, cancellationToken) =>
        {
            var issuer = IssuerUrl.Parse(result.GetRequiredValue(definition.Issuer));
            var advertised = result.GetValue(definition.JwksUri) is { } jwksUri ? JwksUri.Parse(jwksUri) : null;
            var keySet = await KeyLoading.LoadAsync(result.GetRequiredValue(definition.Keys), cancellationToken).ConfigureAwait(false);
            return (IssuerDocuments.Create(issuer, advertised, keySet).Discovery, null);
        });
    }
}
