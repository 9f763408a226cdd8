namespace IssuerSync.Storage.Targets.Azure;

/// <summary>
/// The plain options of an azblob: target beyond its ready <c>BlobContainerClient</c>. The host builds the client
/// (credentials are its choice) with <see cref="AzureBlobClients.Options"/> of these options, so that every request
/// it sends is counted in <see cref="Requests"/>.
/// </summary>
public sealed record AzureBlobTargetOptions
{
    /// <summary>Where the documents are served publicly when it is not the blob URL (static website, CDN, custom domain).</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>Whether the container must be readable anonymously (false for $web and for a CDN with its own access to a private container).</summary>
    public bool RequireAnonymousRead { get; init; } = true;

    /// <summary>Counts what the client sends: the client must be built with <see cref="AzureBlobClients.Options"/> of these options.</summary>
    public RequestCounter Requests { get; init; } = new();

    /// <summary>Retries of transient faults (timeouts, 408, 429, 5xx), with exponential backoff from <see cref="RetryDelay"/>.</summary>
    public int MaxRetries { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take before it counts as failed (and is retried).</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
