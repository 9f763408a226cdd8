using Amazon.Runtime;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>How an s3:// target connects. Credentials default to the AWS chain (environment, profile, web identity, instance role).</summary>
public sealed class S3TargetOptions
{
    /// <summary>The bucket's region (else AWS_REGION / the profile's region).</summary>
    public string? Region { get; set; }

    /// <summary>An S3-compatible endpoint (MinIO, Ceph RGW, R2, s3rver): http(s)://HOST[:PORT].</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Address the bucket in the path (ENDPOINT/BUCKET/KEY) instead of the host name: most S3-compatible stores need it.</summary>
    public bool PathStyle { get; set; }

    /// <summary>Explicit credentials (tests); null uses the AWS default chain.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Where the documents are served publicly when it is not the object URL (CloudFront, custom domain).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Whether objects must be readable anonymously (false for a private bucket behind CloudFront origin access control).</summary>
    public bool RequireAnonymousRead { get; set; } = true;

    /// <summary>Retries of transient faults (standard retry mode: exponential backoff with jitter, throttling aware).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
