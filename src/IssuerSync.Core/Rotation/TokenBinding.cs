namespace IssuerSync.Core.Rotation;

/// <summary>
/// Replay protection: the push token (by SHA-256 of the token) is bound to the body first accepted
/// with it (SHA-256 of the body) until the token expires.
/// </summary>
public sealed record TokenBinding(string TokenHash, string BodyHash, DateTimeOffset ExpiresAt);
