using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Status;

/// <summary>One issuer as the Status function shows it (docs/publisher-api.md).</summary>
public sealed record IssuerStatusView
{
    [JsonPropertyName("issuerId")]
    public required string IssuerId { get; init; }

    [JsonPropertyName("issuer")]
    public required string Issuer { get; init; }

    [JsonPropertyName("target")]
    public required string Target { get; init; }

    [JsonPropertyName("keys")]
    public IReadOnlyList<KeyStatusView> Keys { get; init; } = [];

    [JsonPropertyName("published")]
    public IReadOnlyList<string> Published { get; init; } = [];

    [JsonPropertyName("pending")]
    public IReadOnlyList<PendingKeyView> Pending { get; init; } = [];

    [JsonPropertyName("latestSigningKid")]
    public string? LatestSigningKid { get; init; }

    /// <summary>Since when the pushes are signed by <see cref="LatestSigningKid"/> (<c>issuersync rotate check</c> measures step 4 from it).</summary>
    [JsonPropertyName("latestSigningSince")]
    public DateTimeOffset? LatestSigningSince { get; init; }

    [JsonPropertyName("lastPushAt")]
    public DateTimeOffset? LastPushAt { get; init; }

    [JsonPropertyName("lastPublish")]
    public LastPublishView? LastPublish { get; init; }

    [JsonPropertyName("lastError")]
    public LastErrorView? LastError { get; init; }

    /// <summary>True when the agent has not pushed for longer than <see cref="StaleAfter"/> (or never did).</summary>
    [JsonPropertyName("stale")]
    public bool Stale { get; init; }

    [JsonPropertyName("staleAfter")]
    public TimeSpan StaleAfter { get; init; }
}
