using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Services;

/// <summary>The Approve body: the fingerprints (SHA-256 of the DER SubjectPublicKeyInfo, hex) of the pending keys to publish.</summary>
public sealed record ApproveRequest
{
    [JsonPropertyName("fingerprints")]
    public IReadOnlyList<string>? Fingerprints { get; init; }

    [JsonPropertyName("operator")]
    public string? Operator { get; init; }
}
