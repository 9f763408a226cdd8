namespace IssuerSync.Storage.Targets.Azure;

/// <summary>How an azblob: target connects. Secrets here are never printed.</summary>
public sealed class AzureBlobTargetOptions
{
    /// <summary>A storage connection string (else AZURE_STORAGE_CONNECTION_STRING, a SAS in the URL, or DefaultAzureCredential).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the documents are served publicly when it is not the blob URL (static website, CDN, custom domain).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Whether the container must be readable anonymously (false for $web and for a CDN with its own access to a private container).</summary>
    public bool RequireAnonymousRead { get; set; } = true;

    /// <summary>Retries of transient faults (timeouts, 408, 429, 5xx), with exponential backoff from <see cref="RetryDelay"/>.</summary>
    public int MaxRetries { get; set; } = 4;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take before it counts as failed (and is retried).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
