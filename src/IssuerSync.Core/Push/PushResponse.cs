using System.Text.Json.Serialization;

namespace IssuerSync.Core.Push;

/// <summary>
/// The publisher's answer. On success <see cref="Status"/> is <see cref="PushStatus.Accepted"/> (keys published) or
/// <see cref="PushStatus.Pending"/> (awaiting an operator's approval); on refusal <see cref="Error"/> is a stable reason
/// code (e.g. "token_signature_invalid") and <see cref="Message"/> says why and what to do.
/// </summary>
public sealed record PushResponse
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("changed")]
    public bool Changed { get; init; }

    [JsonPropertyName("published")]
    public IReadOnlyList<string> Published { get; init; } = [];

    [JsonPropertyName("pending")]
    public IReadOnlyList<string> Pending { get; init; } = [];

    /// <summary>What the publisher did with the documents after an accepted push (null on a refusal).</summary>
    [JsonPropertyName("publish")]
    public PublishSummary? Publish { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    public byte[] ToJson() => PushJson.Write(this);

    public static PushResponse FromJson(ReadOnlySpan<byte> json)
    {
        var response = PushJson.Read<PushResponse>(json, "response");
        return response with
        {
            Published = response.Published ?? [],
            Pending = response.Pending ?? [],
            Publish = response.Publish is { } p ? p with { Documents = p.Documents ?? [], Kids = p.Kids ?? [] } : null,
        };
    }
}
