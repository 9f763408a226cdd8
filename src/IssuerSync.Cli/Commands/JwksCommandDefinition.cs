using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync jwks</c>; its output is the JWKS document itself (JSON), so it takes no --output.</summary>
internal sealed class JwksCommandDefinition : Command
{
    public readonly Option<string[]> Keys = SharedOptions.Keys();

    public readonly Option<string?> Out = new("--out", "-o") { Description = "Write the JWKS to this file instead of standard output.", HelpName = "FILE" };

    public JwksCommandDefinition()
        : base("jwks", SharedOptions.WithExample(
            "Print the JSON Web Key Set (RFC 7517) for service-account keys, with the kid Kubernetes puts in its tokens.",
            "issuersync jwks --key /etc/kubernetes/pki/sa.pub",
            "issuersync jwks --key /var/lib/rancher/k3s/server/tls/service.key --out jwks.json"))
    {
        this.AddOptions(Keys, Out);
    }
}
