using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary>The options every <c>trust</c> cloud takes: the issuer, the service account, the output format.</summary>
internal sealed class TrustOptions
{
    private readonly Option<string> _issuer = SharedOptions.Issuer();
    private readonly Option<string> _namespace = new("--namespace", "-n")
    {
        Description = "The service account's namespace.",
        Required = true,
        HelpName = "NS",
    };
    private readonly Option<string> _serviceAccount = new("--service-account", "-s")
    {
        Description = "The Kubernetes service account the pod runs as.",
        Required = true,
        HelpName = "SA",
    };
    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "text (a bash script) or json (argv arrays and file contents).",
        DefaultValueFactory = _ => "text",
        HelpName = "text|json",
    };

    /// <summary>--audience of a cloud, with the cloud's description and default.</summary>
    public static Option<string> Audience(string description, string defaultValue) => new("--audience")
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "AUD",
    };

    public void AddTo(Command command)
    {
        _output.AcceptOnlyFromAmong("text", "json");
        command.AddOptions(_issuer, _namespace, _serviceAccount, _output);
    }

    public Values Read(ParseResult result) => new(
        result.GetRequiredValue(_issuer),
        result.GetRequiredValue(_namespace),
        result.GetRequiredValue(_serviceAccount),
        result.GetValue(_output) == "json");

    /// <summary>The parsed values; <see cref="Identity"/> validates them (an <see cref="Core.IssuerSyncException"/> naming the option).</summary>
    public sealed record Values(string Issuer, string Namespace, string ServiceAccount, bool Json)
    {
        public WorkloadIdentity Identity() => WorkloadIdentity.Create(Issuer, Namespace, ServiceAccount);
    }
}
