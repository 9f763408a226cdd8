using IssuerSync.Core.Registration;

namespace IssuerSync.Core.Rotation;

/// <summary>The per-issuer policy settings the rotation rules read.</summary>
public sealed record RotationOptions
{
    public TimeSpan RetentionWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>High-assurance mode: keys added by a trusted push wait for approval.</summary>
    public bool RequireApprovalForNewKeys { get; init; }

    public static RotationOptions From(IssuerRegistration registration) => new()
    {
        RetentionWindow = registration.RetentionWindow,
        RequireApprovalForNewKeys = registration.RequireApprovalForNewKeys,
    };
}
