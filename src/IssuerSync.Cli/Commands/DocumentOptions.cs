using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Cli.Commands;

/// <summary>What both documents are built from, for <c>discovery</c> and <c>publish</c>: --issuer, --jwks-uri and --key.</summary>
internal sealed class DocumentOptions
{
    public Option<string> Issuer { get; } = SharedOptions.Issuer();

    public Option<string?> JwksUri { get; } = SharedOptions.JwksUri();

    public Option<string[]> Keys { get; } = SharedOptions.Keys();

    public void AddTo(Command command) => command.AddOptions(Issuer, JwksUri, Keys);

    /// <summary>The documents for the values given; an <see cref="Core.IssuerSyncException"/> names a bad issuer, jwks_uri or key file.</summary>
    public static async Task<IssuerDocuments> BuildAsync(string issuer, string? jwksUri, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var issuerUrl = IssuerUrl.Parse(issuer);
        var advertised = jwksUri is null ? null : Core.Issuers.JwksUri.Parse(jwksUri);
        var keySet = await KeyLoading.LoadAsync(keys, cancellationToken).ConfigureAwait(false);
        return IssuerDocuments.Create(issuerUrl, advertised, keySet);
    }
}
