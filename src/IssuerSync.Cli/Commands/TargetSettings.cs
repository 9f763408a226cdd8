using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary>The --target options beyond its URL: credentials, region, endpoints, public URL. Secrets here are never printed.</summary>
internal sealed record TargetSettings
{
    /// <summary>Azure: --connection-string (else AZURE_STORAGE_CONNECTION_STRING; an empty string: neither).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>S3: --region (else AWS_REGION, then AWS_DEFAULT_REGION).</summary>
    public string? Region { get; init; }

    /// <summary>S3: --s3-endpoint.</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>S3: --s3-path-style.</summary>
    public bool S3PathStyle { get; init; }

    /// <summary>--public-base-url.</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>--private-origin: skip the anonymous-read checks.</summary>
    public bool PrivateOrigin { get; init; }

    /// <summary>Where the target's client counts the requests it sends (publish reports them).</summary>
    public RequestCounter Requests { get; init; } = new();
}
