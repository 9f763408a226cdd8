namespace IssuerSync.Storage.Targets;

/// <summary>Settings of a --target beyond its URL: credentials, region, endpoints, public URL. Secrets here are never printed.</summary>
public sealed class PublishTargetOptions
{
    /// <summary>Azure: a storage connection string (else AZURE_STORAGE_CONNECTION_STRING).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>S3: the bucket's region.</summary>
    public string? Region { get; set; }

    /// <summary>S3: an S3-compatible endpoint.</summary>
    public Uri? S3Endpoint { get; set; }

    /// <summary>S3: path-style addressing.</summary>
    public bool S3PathStyle { get; set; }

    /// <summary>Where the target is served publicly when it is not the storage URL.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The store is read by a CDN with its own access (CloudFront OAC, Front Door private link): skip the anonymous-read checks.</summary>
    public bool PrivateOrigin { get; set; }
}
