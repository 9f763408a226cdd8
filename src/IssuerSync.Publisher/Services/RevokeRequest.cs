using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Services;

/// <summary>The Revoke body: the kid to withdraw at once, and the confirmation needed when it signed the latest push.</summary>
public sealed record RevokeRequest
{
    [JsonPropertyName("kid")]
    public string? Kid { get; init; }

    [JsonPropertyName("confirmSigningKey")]
    public bool ConfirmSigningKey { get; init; }

    [JsonPropertyName("operator")]
    public string? Operator { get; init; }
}
