using IssuerSync.Core.Registration;

namespace IssuerSync.Core.Rotation;

/// <summary>The per-issuer policy settings the rotation rules read, and the bounds that keep one issuer's state small.</summary>
public sealed record RotationOptions
{
    public TimeSpan RetentionWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>High-assurance mode: keys added by a trusted push wait for approval.</summary>
    public bool RequireApprovalForNewKeys { get; init; }

    /// <summary>
    /// First-contact (self-signed) pushes accepted per issuer per hour; more are refused
    /// <see cref="RotationErrorCodes.EnrolmentRateLimited"/>.
    /// </summary>
    public int MaxFirstContactPushesPerHour { get; init; } = 10;

    /// <summary>History entries kept; older ones are forgotten (counted in <see cref="IssuerState.CompactedHistoryEntries"/>).</summary>
    public int MaxHistoryEntries { get; init; } = 200;

    /// <summary>Kids listed across the history entries kept: bounds the history's size when entries list many kids.</summary>
    public int MaxHistoryKids { get; init; } = 400;

    /// <summary>Dropped key records kept (newest first); older ones are forgotten. Revoked records are always kept.</summary>
    public int MaxDroppedRecords { get; init; } = 16;

    /// <summary>
    /// Live token bindings kept; beyond it those expiring first are forgotten and
    /// <see cref="IssuerState.ForgottenTokensExpireBy"/> refuses their tokens.
    /// </summary>
    public int MaxTokenBindings { get; init; } = 64;

    public static RotationOptions From(IssuerRegistration registration) => new()
    {
        RetentionWindow = registration.RetentionWindow,
        RequireApprovalForNewKeys = registration.RequireApprovalForNewKeys,
    };
}
