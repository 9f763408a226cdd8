namespace IssuerSync.Storage.Targets;

/// <summary>
/// The stable codes of <see cref="StorageException.Code"/>: hosts and tests switch on them, never on the words.
/// A code names the cause, not the host's remedy (that is the <see cref="StorageHint"/>).
/// </summary>
public static class StorageErrorCodes
{
    /// <summary>Anything without a more specific code.</summary>
    public const string Failed = "storage_failed";

    /// <summary>The target (dir:, azblob:, s3://) cannot be parsed or is of an unknown kind.</summary>
    public const string TargetInvalid = "target_invalid";

    /// <summary>The target's public URL is not the issuer: clouds would not find the documents.</summary>
    public const string TargetUnreachableAtIssuer = "target_unreachable_at_issuer";

    /// <summary>jwks_uri is not under the issuer, so no target of the issuer can serve it.</summary>
    public const string JwksUriOutsideIssuer = "jwks_uri_outside_issuer";

    /// <summary>jwks_uri is under the issuer but not where this target serves the JWKS.</summary>
    public const string JwksUriUnreachable = "jwks_uri_unreachable";

    /// <summary>The target (the $web static website) is not served at its storage URL and no public base URL was given.</summary>
    public const string PublicBaseUrlMissing = "public_base_url_missing";

    /// <summary>An S3 target without a region (and without an S3-compatible endpoint).</summary>
    public const string RegionMissing = "region_missing";

    /// <summary>The bucket is in another region than the one given.</summary>
    public const string RegionWrong = "region_wrong";

    /// <summary>The S3-compatible endpoint is not an http(s) URL.</summary>
    public const string S3EndpointInvalid = "s3_endpoint_invalid";

    /// <summary>The storage connection string cannot be parsed.</summary>
    public const string ConnectionStringInvalid = "connection_string_invalid";

    /// <summary>The connection string is for another storage account than the target's.</summary>
    public const string ConnectionStringOtherAccount = "connection_string_other_account";

    /// <summary>The blob container does not exist.</summary>
    public const string ContainerMissing = "container_missing";

    /// <summary>The bucket does not exist.</summary>
    public const string BucketMissing = "bucket_missing";

    /// <summary>The documents cannot be read without credentials, so clouds cannot fetch them.</summary>
    public const string NotAnonymouslyReadable = "not_anonymously_readable";

    /// <summary>The credential works but may not do this (a missing role or policy, a firewall).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The store refused the credential (a wrong key, an expired token or SAS).</summary>
    public const string CredentialRefused = "credential_refused";

    /// <summary>No credential could be obtained.</summary>
    public const string CredentialUnavailable = "credential_unavailable";

    /// <summary>The store did not answer (DNS, network, timeout), after retries.</summary>
    public const string Unreachable = "storage_unreachable";

    /// <summary>The store answered an HTTP error without a more specific code.</summary>
    public const string RequestFailed = "request_failed";

    /// <summary>A conditional write was refused: another publisher is writing the issuer.</summary>
    public const string Conflict = "write_conflict";

    /// <summary>What the store serves is not what was written (bytes or headers altered, a document missing after its write).</summary>
    public const string StoreAltered = "store_altered";

    /// <summary>A file or folder of a directory target or store cannot be read or written.</summary>
    public const string FileFailed = "file_failed";
}
