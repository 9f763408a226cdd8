using System.Text.Json.Serialization;

namespace IssuerSync.Core.Rotation;

/// <summary>
/// One line of an issuer's append-only history: what happened (<see cref="HistoryAction"/>), to which
/// kids, when and by whom.
/// </summary>
public sealed record HistoryEntry
{
    public required DateTimeOffset At { get; init; }

    public required string Action { get; init; }

    public required IReadOnlyList<string> Kids { get; init; }

    public required HistoryActor By { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}
