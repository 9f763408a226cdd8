using System.Text.Json;
using System.Text.Json.Serialization;

namespace IssuerSync.Core.Push;

/// <summary>
/// The body of a push: the keys an agent observed on its cluster. Sent with
/// <c>Authorization: Bearer &lt;token the cluster minted&gt;</c>. See docs/push-protocol.md.
/// </summary>
public sealed record PushRequest
{
    [JsonPropertyName("version")]
    public string Version { get; init; } = PushProtocol.PushVersion;

    /// <summary>The issuer the keys belong to, byte for byte the cluster's --service-account-issuer.</summary>
    [JsonPropertyName("issuer")]
    public required string Issuer { get; init; }

    /// <summary>The JWKS as the API server serves it (or as built from key files).</summary>
    [JsonPropertyName("jwks")]
    public required JsonElement Jwks { get; init; }

    /// <summary>When the agent read the keys (UTC). A bundle older than the receiver's limit is refused.</summary>
    [JsonPropertyName("observedAt")]
    public required DateTimeOffset ObservedAt { get; init; }

    [JsonPropertyName("agentVersion")]
    public required string AgentVersion { get; init; }

    /// <summary>"live" for a push from a running agent, "bundle" for an air-gapped export.</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = PushProtocol.SourceLive;

    public byte[] ToJson() => PushJson.Write(this);

    /// <summary>Reads a body without judging it; the receiver validates version, issuer and keys.</summary>
    public static PushRequest FromJson(ReadOnlySpan<byte> json)
    {
        var request = PushJson.Read<PushRequest>(json, "body");
        return request with { Version = request.Version ?? PushProtocol.PushVersion, Source = request.Source ?? PushProtocol.SourceLive };
    }
}
