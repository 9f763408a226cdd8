using System.Text.Json.Serialization;

namespace IssuerSync.Core.Rotation;

/// <summary>
/// What the publisher last did with an issuer's documents: when they last matched the state (written or
/// found current) and with which kids, and the latest failure since then. Recorded only when it changes,
/// so an unchanged issuer costs no state write.
/// </summary>
public sealed record PublicationStatus
{
    /// <summary>When the served documents were last written, or first found to match the state.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The kids the served JWKS held then, sorted.</summary>
    public IReadOnlyList<string> PublishedKids { get; init; } = [];

    /// <summary>The latest failed publish after <see cref="PublishedAt"/>, or null when the last attempt succeeded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FailedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FailureCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FailureMessage { get; init; }
}
