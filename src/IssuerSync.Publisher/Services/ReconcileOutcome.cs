using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Services;

/// <summary>
/// One issuer's reconcile: whether it succeeded, whether a failure is worth a retry (a queue message is then
/// retried and finally poisoned), and a one-line summary for the log.
/// </summary>
public sealed record ReconcileOutcome
{
    [JsonPropertyName("issuerId")]
    public required string IssuerId { get; init; }

    [JsonPropertyName("succeeded")]
    public required bool Succeeded { get; init; }

    [JsonPropertyName("transient")]
    public bool Transient { get; init; }

    /// <summary>"unchanged", "published", "skipped" or "failed".</summary>
    [JsonPropertyName("publish")]
    public string? Publish { get; init; }

    /// <summary>True when retention or binding expiry changed the state.</summary>
    [JsonPropertyName("stateChanged")]
    public bool StateChanged { get; init; }

    [JsonPropertyName("summary")]
    public required string Summary { get; init; }

    public byte[] ToJson() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, PublisherJson.Default.ReconcileOutcome);
}
