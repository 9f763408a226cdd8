using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>Options several verbs share, described once.</summary>
internal static class SharedOptions
{
    public static Option<string[]> Keys() => new("--key", "-k")
    {
        Description = "A service-account key file: PEM (public, private or certificate; several blocks allowed), DER, or an OpenSSH public key. Repeat for several files. Only the public half of a private key is used.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "FILE",
    };

    public static Option<string> Issuer() => new("--issuer", "-i")
    {
        Description = "The cluster's --service-account-issuer, byte for byte (a trailing slash matters), e.g. https://ACCOUNT.blob.core.windows.net/oidc",
        Required = true,
        HelpName = "URL",
    };

    public static Option<string?> JwksUri() => new("--jwks-uri")
    {
        Description = "The jwks_uri to advertise. Default: {issuer}/openid/v1/jwks",
        HelpName = "URL",
    };

    public static string WithExample(string description, params string[] examples)
        => $"{description}\n\nExample{(examples.Length > 1 ? "s" : string.Empty)}:\n  {string.Join("\n  ", examples)}";
}
