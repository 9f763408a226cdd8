using System.Text.Json.Serialization;

namespace IssuerSync.Core.Rotation;

/// <summary>
/// Everything the publisher knows about one issuer, stored as one versioned JSON document
/// (<see cref="IssuerStateJson"/>). Keys sorted by kid, token bindings by hash; history append-only.
/// Change it only through <see cref="RotationPolicy"/>.
/// </summary>
public sealed record IssuerState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string IssuerId { get; init; }

    public required string Issuer { get; init; }

    public IReadOnlyList<KeyRecord> Keys { get; init; } = [];

    /// <summary>The kid whose token authenticated the latest accepted trusted push: never dropped, and revoked only with an operator's confirmation.</summary>
    public string? LatestSigningKid { get; init; }

    /// <summary>The observedAt of the latest accepted push: an older push is refused.</summary>
    public DateTimeOffset? LastObservedAt { get; init; }

    public IReadOnlyList<TokenBinding> Tokens { get; init; } = [];

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>The publisher's last publish of this issuer's documents (not a rotation decision: written by the publisher, read by status).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PublicationStatus? Publication { get; init; }

    public static IssuerState New(string issuerId, string issuer) => new() { IssuerId = issuerId, Issuer = issuer };

    public KeyRecord? Find(string kid) => Keys.FirstOrDefault(k => k.Kid == kid);

    /// <summary>The kids a cloud sees: active and retained, sorted.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PublishedKids => Keys.Where(k => k.IsPublished).Select(k => k.Kid).ToArray();

    [JsonIgnore]
    public IReadOnlyList<string> PendingKids => Keys.Where(k => k.Status == KeyStatus.Pending).Select(k => k.Kid).ToArray();

    /// <summary>True until an operator has approved a first key set: pushes then only record pending keys.</summary>
    [JsonIgnore]
    public bool IsEnrolling => !Keys.Any(k => k.IsPublished);
}
