using IssuerSync.Core.Documents;
using IssuerSync.Core.Retries;

namespace IssuerSync.Storage.Publishing;

/// <summary>How documents are published. Defaults are what Entra ID, AWS STS and GCP accept.</summary>
public sealed class PublishOptions
{
    /// <summary>
    /// Both default to application/json: what hosted issuers serve and every cloud accepts (no cloud documents accepting
    /// application/jwk-set+json, which kube-apiserver serves, so it is not the default).
    /// </summary>
    public string DiscoveryContentType { get; set; } = "application/json";

    public string JwksContentType { get; set; } = "application/json";

    /// <summary>Defaults to <see cref="DocumentDefaults.CacheControl"/>: a cloud sees a rotated JWKS at most five minutes after it is published.</summary>
    public string CacheControl { get; set; } = DocumentDefaults.CacheControl;

    /// <summary>Report what would change without writing anything.</summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// Check both documents (two HEADs) even when the discovery document's metadata says the pair is
    /// current. The default trusts that record (one HEAD per unchanged issuer); a full check also
    /// repairs a JWKS changed or deleted behind the publisher's back.
    /// </summary>
    public bool FullCheck { get; set; }

    /// <summary>How often a publish that lost a race with another publisher (a refused conditional write) starts over.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Before starting over, a publish waits up to twice this, doubling per lost race up to <see cref="MaxRetryDelay"/> (full
    /// jitter, <see cref="Backoff"/>).
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock the waits between attempts run on.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
