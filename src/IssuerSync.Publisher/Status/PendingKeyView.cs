using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Status;

/// <summary>A key waiting for an operator: the fingerprint to compare with the cluster's key and approve.</summary>
public sealed record PendingKeyView(
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("fingerprint")] string Fingerprint);
