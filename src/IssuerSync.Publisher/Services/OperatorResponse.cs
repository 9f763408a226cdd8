using System.Text.Json.Serialization;
using IssuerSync.Core.Push;

namespace IssuerSync.Publisher.Services;

/// <summary>The answer of Approve, Revoke and PublishNow (docs/publisher-api.md), or a refusal (<see cref="Error"/> set).</summary>
public sealed record OperatorResponse
{
    [JsonPropertyName("issuerId")]
    public string? IssuerId { get; init; }

    [JsonPropertyName("action")]
    public string? Action { get; init; }

    [JsonPropertyName("changed")]
    public bool Changed { get; init; }

    [JsonPropertyName("published")]
    public IReadOnlyList<string> Published { get; init; } = [];

    [JsonPropertyName("pending")]
    public IReadOnlyList<string> Pending { get; init; } = [];

    [JsonPropertyName("publish")]
    public PublishSummary? Publish { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
