namespace IssuerSync.Core.Rotation;

/// <summary>The actions a history entry records.</summary>
public static class HistoryAction
{
    /// <summary>A push was accepted; Kids are the kids it listed.</summary>
    public const string Pushed = "pushed";
    public const string Pending = "pending";
    public const string Activated = "activated";
    public const string Approved = "approved";
    public const string Retained = "retained";
    public const string Dropped = "dropped";
    public const string Revoked = "revoked";
}
