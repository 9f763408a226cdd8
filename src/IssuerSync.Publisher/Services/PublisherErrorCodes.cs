namespace IssuerSync.Publisher.Services;

/// <summary>Stable codes of the publisher's own refusals (beyond the push and rotation codes). Never rename one.</summary>
public static class PublisherErrorCodes
{
    public const string InternalError = "internal_error";
    public const string IssuerUnknown = "issuer_unknown";
    public const string BodyMalformed = "body_malformed";
    public const string OperatorMissing = "operator_missing";
    public const string PublishFailed = "publish_failed";
    public const string StateUnavailable = Core.Trust.PushRefusalCodes.StateUnavailable;
    public const string StateConflict = Core.Trust.PushRefusalCodes.StateConflict;
}
