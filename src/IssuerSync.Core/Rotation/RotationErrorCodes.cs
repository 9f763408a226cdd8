namespace IssuerSync.Core.Rotation;

/// <summary>Stable reason codes of refused state changes.</summary>
public static class RotationErrorCodes
{
    public const string WouldEmptyPublishedSet = "would_empty_published_set";
    public const string SigningKeyNeedsConfirmation = "signing_key_needs_confirmation";
    public const string UnknownKid = "unknown_kid";
    public const string AlreadyRevoked = "already_revoked";
    public const string UnknownFingerprint = "unknown_fingerprint";
    public const string NothingToApprove = "nothing_to_approve";

    /// <summary>More first-contact pushes in an hour than <see cref="RotationOptions.MaxFirstContactPushesPerHour"/> (HTTP 429).</summary>
    public const string EnrolmentRateLimited = "enrolment_rate_limited";
}
