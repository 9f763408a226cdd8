using System.CommandLine;
using IssuerSync.Core.Documents;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync jwks</c>: print (or write, with --out) the JWKS for key files.</summary>
internal static class JwksCommand
{
    public static Command Create()
    {
        var definition = new JwksCommandDefinition();
        return DocumentOutput.SetAction(definition, async (result, cancellationToken) =>
        {
            var keySet = await KeyLoading.LoadAsync(result.GetRequiredValue(definition.Keys), cancellationToken).ConfigureAwait(false);
            return (JwksDocument.Build(keySet), result.GetValue(definition.Out));
        });
    }
}
