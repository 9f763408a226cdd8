using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Status;

/// <summary>The latest failure for an issuer: a publish that failed, or a state document that cannot be read.</summary>
public sealed record LastErrorView(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
