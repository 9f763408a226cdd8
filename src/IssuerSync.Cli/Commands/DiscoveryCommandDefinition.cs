using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// <c>issuersync discovery</c>: print the discovery document kube-apiserver would serve. Its output is the document itself (JSON),
/// so it takes no --output.
/// </summary>
internal sealed class DiscoveryCommandDefinition : DocumentCommandDefinition
{
    public readonly DocumentOptions Documents = new();

    public DiscoveryCommandDefinition()
        : base("discovery", SharedOptions.WithExample(
            "Print the OpenID discovery document (/.well-known/openid-configuration) for an issuer and its keys, as kube-apiserver serves it. " +
            "The output is the JSON document itself, for people and scripts alike.",
            "issuersync discovery --issuer https://ACCOUNT.blob.core.windows.net/oidc --key /etc/kubernetes/pki/sa.pub"))
        => Documents.AddTo(this);

    protected override async Task<(byte[] Document, string? File)> BuildAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var documents = await DocumentOptions.BuildAsync(
            result.GetRequiredValue(Documents.Issuer),
            result.GetValue(Documents.JwksUri),
            result.GetRequiredValue(Documents.Keys),
            cancellationToken).ConfigureAwait(false);
        return (documents.Discovery, null);
    }
}
