using System.CommandLine;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The cluster group of <c>agent run</c> (in the CLI and in <c>issuersync-agent</c>) and <c>agent export</c>:
/// --service-account, --namespace, --kubeconfig and --context, read back into a <see cref="ClusterAccess"/>.
/// </summary>
public sealed class ClusterAccessOptions
{
    private readonly Option<string?> _serviceAccount = AgentOptions.ServiceAccount();
    private readonly Option<string?> _namespace = AgentOptions.Namespace();
    private readonly Option<string?> _kubeconfig = AgentOptions.Kubeconfig();
    private readonly Option<string?> _context = AgentOptions.Context();

    public void AddTo(Command command) => command.AddOptions(_serviceAccount, _namespace, _kubeconfig, _context);

    public ClusterAccess Read(ParseResult result)
        => new(result.GetValue(_serviceAccount), result.GetValue(_namespace), result.GetValue(_kubeconfig), result.GetValue(_context));
}
