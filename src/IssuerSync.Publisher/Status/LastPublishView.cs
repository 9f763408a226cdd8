using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Status;

/// <summary>When the served documents last matched the state, and with which kids.</summary>
public sealed record LastPublishView(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("kids")] IReadOnlyList<string> Kids);
