using System.Text.Json.Serialization;

namespace IssuerSync.Core.Push;

/// <summary>
/// What the publisher did with an issuer's documents after a push or an operator action (docs/publisher-api.md):
/// <see cref="Status"/> is "published", "unchanged", "skipped" (nothing approved yet) or "failed"
/// (the state was updated, the documents were not; the next reconcile completes the publish).
/// </summary>
public sealed record PublishSummary
{
    public const string Published = "published";
    public const string Unchanged = "unchanged";
    public const string Skipped = "skipped";
    public const string Failed = "failed";

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Each document in publish order (JWKS first): "written", "unchanged".</summary>
    [JsonPropertyName("documents")]
    public IReadOnlyList<PublishedDocument> Documents { get; init; } = [];

    /// <summary>The kids the served JWKS holds after this publish (when it succeeded).</summary>
    [JsonPropertyName("kids")]
    public IReadOnlyList<string> Kids { get; init; } = [];

    [JsonIgnore]
    public bool Succeeded => Status is Published or Unchanged;
}
