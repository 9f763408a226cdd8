using IssuerSync.Core.Registration;

namespace IssuerSync.Publisher.Configuration;

/// <summary>
/// One issuer as the publisher serves it: the trust and rotation settings (<see cref="Registration"/>, validated
/// by Core) and how to reach its publish target. <see cref="Connection"/> is the NAME of an app setting holding a
/// storage connection string (the Functions convention for bindings), never the secret itself.
/// </summary>
public sealed record IssuerSettings
{
    public required IssuerRegistration Registration { get; init; }

    public string Id => Registration.Id;

    /// <summary>Where the target is served publicly when it is not the storage URL (static website, CDN, custom domain).</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>The name of the app setting that holds the target's connection string; null: identity-based access.</summary>
    public string? Connection { get; init; }

    /// <summary>S3: the bucket's region.</summary>
    public string? Region { get; init; }

    /// <summary>S3: an S3-compatible endpoint (MinIO, s3rver).</summary>
    public Uri? S3Endpoint { get; init; }

    public bool S3PathStyle { get; init; }

    /// <summary>The store is read by a CDN with its own access: skip the anonymous-read checks.</summary>
    public bool PrivateOrigin { get; init; }

    /// <summary>The app-setting prefix this issuer was read from (IssuerSync__Issuers__0), for messages; null: not read from settings.</summary>
    public string? SettingsPrefix { get; init; }
}
