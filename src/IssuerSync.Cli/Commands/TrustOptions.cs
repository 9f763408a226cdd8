using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary>The options every <c>trust</c> cloud takes: the issuer, the service account, the output format.</summary>
internal sealed class TrustOptions
{
    private readonly Option<string> _issuer = SharedOptions.Issuer();
    private readonly Option<string> _namespace = Name("--namespace", "NS", "The service account's namespace.", "-n");
    private readonly Option<string> _serviceAccount = Name("--service-account", "SA", "The Kubernetes service account the pod runs as.", "-s");
    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "text (a bash script) or json (argv arrays and file contents).",
        DefaultValueFactory = _ => "text",
        HelpName = "text|json",
    };

    /// <summary>A name the cloud's setup needs (a required option), described by its verb.</summary>
    public static Option<string> Name(string name, string helpName, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        Required = true,
        HelpName = helpName,
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
