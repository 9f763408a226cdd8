namespace IssuerSync.Storage.Targets.S3;

/// <summary>
/// The plain options of an s3:// target beyond its ready <c>IAmazonS3</c>: how the bucket is addressed (which the
/// host's client must match: build its config with <see cref="S3Clients.Config"/> of these options), where it is
/// served, and the counter of its requests. Credentials are the host's choice, never an option here.
/// </summary>
public sealed record S3TargetOptions
{
    /// <summary>The bucket's region; required unless <see cref="Endpoint"/> is given.</summary>
    public string? Region { get; init; }

    /// <summary>An S3-compatible endpoint (MinIO, Ceph RGW, R2, s3rver): http(s)://HOST[:PORT].</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Address the bucket in the path (ENDPOINT/BUCKET/KEY) instead of the host name: most S3-compatible stores need it.</summary>
    public bool PathStyle { get; init; }

    /// <summary>Where the documents are served publicly when it is not the object URL (CloudFront, custom domain).</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>Whether objects must be readable anonymously (false for a private bucket behind CloudFront origin access control).</summary>
    public bool RequireAnonymousRead { get; init; } = true;

    /// <summary>Counts what the client sends: its config must come from <see cref="S3Clients.Config"/> of these options.</summary>
    public RequestCounter Requests { get; init; } = new();

    /// <summary>Retries of transient faults (standard retry mode: exponential backoff with jitter, throttling aware).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
