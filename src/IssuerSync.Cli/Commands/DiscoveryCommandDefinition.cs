using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync discovery</c>; its output is the discovery document itself (JSON), so it takes no --output.</summary>
internal sealed class DiscoveryCommandDefinition : Command
{
    public readonly Option<string> Issuer = SharedOptions.Issuer();

    public readonly Option<string?> JwksUri = SharedOptions.JwksUri();

    public readonly Option<string[]> Keys = SharedOptions.Keys();

    public DiscoveryCommandDefinition()
        : base("discovery", SharedOptions.WithExample(
            "Print the OpenID discovery document (/.well-known/openid-configuration) for an issuer and its keys, as kube-apiserver serves it. " +
            "The output is the JSON document itself, for people and scripts alike.",
            "issuersync discovery --issuer https://ACCOUNT.blob.core.windows.net/oidc --key /etc/kubernetes/pki/sa.pub"))
    {
        this.AddOptions(Issuer, JwksUri, Keys);
    }
}
