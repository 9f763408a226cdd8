namespace IssuerSync.Core.Rotation;

/// <summary>
/// How a <see cref="KeyStatus"/> is written wherever it leaves the process: the state document, the publisher's status
/// answer and what reads it (issuersync status, rotate check).
/// </summary>
public static class KeyStatusNames
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Retained = "retained";
    public const string Revoked = "revoked";
    public const string Dropped = "dropped";

    public static string Of(KeyStatus status) => status switch
    {
        KeyStatus.Pending => Pending,
        KeyStatus.Active => Active,
        KeyStatus.Retained => Retained,
        KeyStatus.Revoked => Revoked,
        KeyStatus.Dropped => Dropped,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a key status"),
    };
}
