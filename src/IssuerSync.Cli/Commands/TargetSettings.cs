using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// The --target options beyond its URL: --region, --s3-endpoint, --s3-path-style, --public-base-url and --private-origin
/// (the base), and the credential and request counter. Secrets here are never printed.
/// </summary>
internal sealed record TargetSettings : PublishTargetSettings
{
    /// <summary>Azure: --connection-string (else AZURE_STORAGE_CONNECTION_STRING; an empty string: neither).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Where the target's client counts the requests it sends (publish reports them).</summary>
    public RequestCounter Requests { get; init; } = new();
}
