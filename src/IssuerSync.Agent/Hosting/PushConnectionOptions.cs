using System.CommandLine;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The push client group of <c>push</c> and <c>agent run</c> (in the CLI and in <c>issuersync-agent</c>): --publisher and
/// the options beyond it (--function-key-file, --max-attempts, --ca-cert), read back into a <see cref="PushConnection"/>.
/// </summary>
public sealed class PushConnectionOptions
{
    public Option<string> Publisher { get; } = AgentOptions.Publisher();

    public Option<string?> FunctionKeyFile { get; } = AgentOptions.FunctionKeyFile();

    public Option<int> MaxAttempts { get; } = AgentOptions.MaxAttempts();

    public Option<string?> CaCert { get; } = AgentOptions.PublisherCaCert();

    /// <summary>
    /// Adds the options beyond --publisher, in the order help lists them; the verb adds <see cref="Publisher"/> itself, first.
    /// </summary>
    public void AddTo(Command command) => command.AddOptions(FunctionKeyFile, MaxAttempts, CaCert);

    public PushConnection Read(ParseResult result) => new()
    {
        Publisher = result.GetRequiredValue(Publisher),
        FunctionKeyFile = result.GetValue(FunctionKeyFile),
        MaxAttempts = result.GetValue(MaxAttempts),
        CaCert = result.GetValue(CaCert),
    };
}
