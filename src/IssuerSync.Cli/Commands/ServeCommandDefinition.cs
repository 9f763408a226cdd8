using System.CommandLine;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync serve</c>; <see cref="ServeCommand"/> reads them.</summary>
internal sealed class ServeCommandDefinition : VerbDefinition<ServeCommand.Options>
{
    public readonly Option<string> Config = new("--config", "-c")
    {
        Description = "A JSON file with the publisher's settings under \"IssuerSync\" (the app settings of docs/function-app.md, nested); " +
            "environment variables IssuerSync__… override it.",
        Required = true,
        HelpName = "FILE",
    };

    public readonly Option<int> Port = new("--port")
    {
        Description = "Listen on 127.0.0.1:PORT.",
        DefaultValueFactory = _ => ServeCommand.DefaultPort,
        HelpName = "N",
    };

    public readonly Option<string?> Urls = new("--urls")
    {
        Description = "Listen on these URLs instead (e.g. http://0.0.0.0:8080 in a container); put TLS or a reverse proxy in front of a public address.",
        HelpName = "URLS",
    };

    public ServeCommandDefinition()
        : base("serve", SharedOptions.WithExample(
            "Run the publisher standalone (a VM, or a container next to S3 or MinIO): PushKeys for the agents, the operator routes, " +
            "and reconcile on the configured schedule.",
            "issuersync serve --config publisher.json",
            "issuersync serve --config /etc/issuersync/publisher.json --urls http://0.0.0.0:8080"),
            ServeCommand.RunAsync)
    {
        this.AddOptions(Config, Port, Urls);
    }

    public override ServeCommand.Options Read(ParseResult result) => new()
    {
        Config = result.GetRequiredValue(Config),
        Port = result.GetValue(Port),
        Urls = result.GetValue(Urls),
    };
}
