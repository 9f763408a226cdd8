using IssuerSync.Core.Push;

namespace IssuerSync.Publisher.Services;

/// <summary>The HTTP answer to a push: status and the push response (with what was published).</summary>
public sealed record PushOutcome(int HttpStatus, PushResponse Response)
{
    /// <summary>The registered issuer the push was for, once known (for telemetry tags).</summary>
    public string? IssuerId { get; init; }

    public byte[] ToJson() => Response.ToJson();
}
