namespace IssuerSync.Core.Trust;

/// <summary>
/// Stable reason codes of refused pushes (the <c>error</c> of a <see cref="Push.PushResponse"/>).
/// Agents and dashboards match on these; never rename one.
/// </summary>
public static class PushRefusalCodes
{
    // The body (400, 413).
    public const string BodyTooLarge = "body_too_large";
    public const string BodyMalformed = "body_malformed";
    public const string UnsupportedVersion = "unsupported_version";
    public const string UnknownSource = "unknown_source";
    public const string JwksEmpty = "jwks_empty";
    public const string JwksPrivateKey = "jwks_private_key";
    public const string JwksKidMismatch = "jwks_kid_mismatch";
    public const string JwksInvalid = "jwks_invalid";
    public const string JwksTooManyKeys = "jwks_too_many_keys";
    public const string BundleStale = "bundle_stale";
    public const string ObservedInFuture = "observed_in_future";

    // The token (401).
    public const string TokenMissing = "token_missing";
    public const string TokenMalformed = "token_malformed";
    public const string TokenAlgorithmNotAllowed = "token_algorithm_not_allowed";
    public const string TokenKidMissing = "token_kid_missing";
    public const string TokenKeyUntrusted = "token_key_untrusted";
    public const string TokenSignatureInvalid = "token_signature_invalid";
    public const string TokenAudienceInvalid = "token_audience_invalid";
    public const string TokenExpiryMissing = "token_expiry_missing";
    public const string TokenIssuedAtMissing = "token_issued_at_missing";
    public const string TokenExpired = "token_expired";
    public const string TokenNotYetValid = "token_not_yet_valid";
    public const string TokenIssuedInFuture = "token_issued_in_future";
    public const string TokenLifetimeTooLong = "token_lifetime_too_long";

    // Who is pushing (403).
    public const string IssuerUnknown = "issuer_unknown";
    public const string IssuerMismatch = "issuer_mismatch";
    public const string TokenSubjectInvalid = "token_subject_invalid";

    // The state (409); rotation refusals (e.g. would_empty_published_set) pass through with their own codes.
    public const string TokenReplayed = "token_replayed";
    public const string PushOutOfOrder = "push_out_of_order";

    // Too many first-contact pushes for an enrolling issuer (429): retry after the hour.
    public const string EnrolmentRateLimited = Rotation.RotationErrorCodes.EnrolmentRateLimited;

    // Transient (503): retry with backoff.
    public const string StateConflict = "state_conflict";
    public const string StateUnavailable = "state_unavailable";
}
