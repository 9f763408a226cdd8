using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.Documents;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// <c>issuersync jwks</c>: print (or write, with --out) the JWKS for key files. Its output is the JWKS document itself (JSON), so it
/// takes no --output.
/// </summary>
internal sealed class JwksCommandDefinition : DocumentCommandDefinition
{
    public readonly Option<string[]> Keys = SharedOptions.Keys();

    public readonly Option<string?> Out = new("--out", "-o") { Description = "Write the JWKS to this file instead of standard output.", HelpName = "FILE" };

    public JwksCommandDefinition()
        : base("jwks", SharedOptions.WithExample(
            "Print the JSON Web Key Set (RFC 7517) for service-account keys, with the kid Kubernetes puts in its tokens.",
            "issuersync jwks --key /etc/kubernetes/pki/sa.pub",
            "issuersync jwks --key /var/lib/rancher/k3s/server/tls/service.key --out jwks.json"))
        => this.AddOptions(Keys, Out);

    protected override async Task<(byte[] Document, string? File)> BuildAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var keySet = await KeyLoading.LoadAsync(result.GetRequiredValue(Keys), cancellationToken).ConfigureAwait(false);
        return (JwksDocument.Build(keySet), result.GetValue(Out));
    }
}
