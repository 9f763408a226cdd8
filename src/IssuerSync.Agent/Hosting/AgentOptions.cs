using System.CommandLine;
using System.Globalization;
using IssuerSync.Agent.Configuration;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The agent's command-line options, described once for every host that takes them: <c>issuersync agent run</c>,
/// <c>agent export</c>, <c>push</c> and the <c>issuersync-agent</c> executable.
/// </summary>
public static class AgentOptions
{
    public const string FunctionKeyVariable = "ISSUERSYNC_FUNCTION_KEY";

    /// <summary>A duration option holding its default once: read it with <see cref="Hosting.DurationOption.Read"/>.</summary>
    public static DurationOption DurationOption(string name, TimeSpan defaultValue, string description)
        => new(name, defaultValue, description);

    public static Option<string> Issuer() => new("--issuer", "-i")
    {
        Description = "The cluster's --service-account-issuer, byte for byte (a trailing slash matters), e.g. https://ACCOUNT.blob.core.windows.net/oidc",
        Required = true,
        HelpName = "URL",
    };

    public static Option<string[]> KeyFiles() => new("--key-file")
    {
        Description = "Read the keys from these files (on a control-plane node, via hostPath) instead of the API server's " +
            "/openid/v1/jwks: for clusters whose discovery endpoints are off. Only the public half of a private key is used.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "FILE",
    };

    public static Option<string> Audience() => new("--audience")
    {
        Description = $"The audience of the agent's token: the publisher's audience.",
        DefaultValueFactory = _ => PushProtocol.DefaultAudience,
        HelpName = "AUDIENCE",
    };

    public static Option<string?> ServiceAccount() => new("--service-account")
    {
        Description = $"The agent's own service account, the one it asks tokens for (default {ServiceAccountRef.DefaultName}).",
        HelpName = "NAME",
    };

    public static Option<string?> Namespace() => new("--namespace", "-n")
    {
        Description = "The namespace of the agent's service account (default: the pod's namespace).",
        HelpName = "NAMESPACE",
    };

    public static Option<string?> Kubeconfig() => new("--kubeconfig")
    {
        Description = "A kubeconfig file (default: $KUBECONFIG, a list of files as kubectl reads it; " +
            "else in-cluster configuration inside a pod; else ~/.kube/config).",
        HelpName = "FILE",
    };

    public static Option<string?> Context() => new("--context")
    {
        Description = "The kubeconfig context to use.",
        HelpName = "CONTEXT",
    };

    public static Option<string> Publisher() => new("--publisher", "-p")
    {
        Description = "The publisher's base URL (the function app), e.g. https://issuersync-func.azurewebsites.net; pushes go to {publisher}/api/PushKeys.",
        Required = true,
        HelpName = "URL",
    };

    public static Option<string?> FunctionKeyFile() => new("--function-key-file")
    {
        Description = $"A file holding the Azure Functions key, sent as x-functions-key (defence in depth; default: ${FunctionKeyVariable} when set).",
        HelpName = "FILE",
    };

    public static Option<string?> PublisherCaCert() => new("--ca-cert")
    {
        Description = "A PEM file of CA certificates to trust for the publisher's HTTPS certificate (a publisher behind a private CA), " +
            "in addition to the system's roots; the host name is still checked.",
        HelpName = "PEM",
    };

    public static Option<int> MaxAttempts() => new("--max-attempts")
    {
        Description = "Attempts per push; 5xx, 408, 429, timeouts and network errors are retried with exponential backoff and jitter, 4xx never.",
        DefaultValueFactory = _ => 5,
        HelpName = "N",
        Validators =
        {
            result =>
            {
                // Only a number is checked here: a value that is no number gets System.CommandLine's own parse error
                // (reading it as an int would throw instead, crashing the parse).
                if (result.Tokens is [{ } token]
                    && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts)
                    && attempts is < 1 or > 20)
                {
                    result.AddError($"--max-attempts {attempts} is out of range: give 1 to 20");
                }
            },
        },
    };

    public static string WithExample(string description, params string[] examples)
        => $"{description}\n\nExample{(examples.Length > 1 ? "s" : string.Empty)}:\n  {string.Join("\n  ", examples)}";
}
