using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary>Options several verbs share, described once.</summary>
internal static class SharedOptions
{
    public static Option<string[]> Keys() => new("--key", "-k")
    {
        Description = "A service-account key file: PEM (public, private or certificate; several blocks allowed), DER, or an OpenSSH public key. " +
            "Repeat for several files. Only the public half of a private key is used.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "FILE",
    };

    /// <summary>The agent's --issuer, so every verb describes it alike.</summary>
    public static Option<string> Issuer() => AgentOptions.Issuer();

    public static Option<string?> JwksUri() => new("--jwks-uri")
    {
        Description = "The jwks_uri to advertise. Default: {issuer}/openid/v1/jwks",
        HelpName = "URL",
    };

    /// <summary>--ca-cert, described by each verb for what it reaches.</summary>
    public static Option<string?> CaCert(string description) => new("--ca-cert") { Description = description, HelpName = "PEM" };

    /// <summary>--function-key-file, the operator functions' key, described by each verb.</summary>
    public static Option<string?> FunctionKeyFile(string description) => new("--function-key-file") { Description = description, HelpName = "FILE" };

    /// <summary>--timeout of a verb that asks the publisher, described by each verb.</summary>
    public static DurationOption Timeout(string description) => new("--timeout", PublisherConnection.DefaultTimeout, description);

    public static string WithExample(string description, params string[] examples) => AgentOptions.WithExample(description, examples);
}
