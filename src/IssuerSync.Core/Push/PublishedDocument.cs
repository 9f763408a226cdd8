using System.Text.Json.Serialization;

namespace IssuerSync.Core.Push;

/// <summary>One document of a <see cref="PublishSummary"/>: "jwks" or "discovery", and "written" or "unchanged".</summary>
public sealed record PublishedDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status);
