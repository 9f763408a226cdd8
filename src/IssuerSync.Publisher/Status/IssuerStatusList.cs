using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Status;

/// <summary>The Status answer for all issuers.</summary>
public sealed record IssuerStatusList(
    [property: JsonPropertyName("issuers")] IReadOnlyList<IssuerStatusView> Issuers);
