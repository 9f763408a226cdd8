using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Status;

/// <summary>One kid in a status answer: its state, fingerprint and dates.</summary>
public sealed record KeyStatusView
{
    [JsonPropertyName("kid")]
    public required string Kid { get; init; }

    /// <summary>One of <see cref="Core.Rotation.KeyStatusNames"/>: "pending", "active", "retained", "revoked" or "dropped".</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("fingerprint")]
    public required string Fingerprint { get; init; }

    [JsonPropertyName("firstSeen")]
    public DateTimeOffset FirstSeen { get; init; }

    [JsonPropertyName("lastSeen")]
    public DateTimeOffset LastSeen { get; init; }

    [JsonPropertyName("changedAt")]
    public DateTimeOffset ChangedAt { get; init; }

    [JsonPropertyName("retainUntil")]
    public DateTimeOffset? RetainUntil { get; init; }
}
