namespace IssuerSync.Core.Push;

/// <summary>The values of <see cref="PushResponse.Status"/> on a push the publisher acknowledged (docs/push-protocol.md).</summary>
public static class PushStatus
{
    /// <summary>The keys are trusted and published.</summary>
    public const string Accepted = "accepted";

    /// <summary>The keys await an operator's approval by fingerprint (HTTP 202).</summary>
    public const string Pending = "pending";
}
