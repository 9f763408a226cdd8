using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.Directory;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Storage.Targets;

/// <summary>
/// How a publish target is addressed and served beyond its spec (dir:, azblob:, s3://): what the CLI's flags and the
/// publisher's issuer settings both say, turned here, in one place, into each adapter's options. Credentials stay the host's.
/// </summary>
public record PublishTargetSettings
{
    /// <summary>S3: the bucket's region (else AWS_REGION, then AWS_DEFAULT_REGION).</summary>
    public string? Region { get; init; }

    /// <summary>S3: an S3-compatible endpoint (MinIO, s3rver).</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>S3: address the bucket in the path.</summary>
    public bool S3PathStyle { get; init; }

    /// <summary>Where the target is served publicly when it is not the storage URL (static website, CDN, custom domain).</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>The store is read by a CDN with its own access: skip the anonymous-read checks.</summary>
    public bool PrivateOrigin { get; init; }

    /// <summary>A directory target at <paramref name="path"/>, counting into <paramref name="requests"/>.</summary>
    public DirectoryTarget DirectoryAt(string path, RequestCounter requests) => new(path) { PublicBaseUrl = PublicBaseUrl, Requests = requests };

    /// <summary>The options of an azblob: target, counting into <paramref name="requests"/>.</summary>
    public AzureBlobTargetOptions AzureBlobOptions(RequestCounter requests)
        => new() { PublicBaseUrl = PublicBaseUrl, RequireAnonymousRead = !PrivateOrigin, Requests = requests };

    /// <summary>
    /// The options of an s3:// target, counting into <paramref name="requests"/>; without <see cref="Region"/> the region
    /// is AWS_REGION, then AWS_DEFAULT_REGION, read through <paramref name="environment"/> (the host's lookup).
    /// </summary>
    public S3TargetOptions S3Options(Func<string, string?> environment, RequestCounter requests)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new()
        {
            Region = Region ?? environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION"),
            Endpoint = S3Endpoint,
            PathStyle = S3PathStyle,
            PublicBaseUrl = PublicBaseUrl,
            RequireAnonymousRead = !PrivateOrigin,
            Requests = requests,
        };
    }
}
