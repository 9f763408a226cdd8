using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Rotation;

/// <summary>
/// A verified push. <see cref="SigningKid"/> is the already-trusted kid that verified the token, or
/// null for first contact (the token was verified only against the pushed keys, so they stay pending).
/// </summary>
public sealed record PushEvent : RotationEvent
{
    public required IReadOnlyList<ServiceAccountKey> Keys { get; init; }

    public string? SigningKid { get; init; }

    public string? Subject { get; init; }

    public string? SourceAddress { get; init; }

    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>The token binding to record (replay protection); null records none.</summary>
    public TokenBinding? Token { get; init; }
}
