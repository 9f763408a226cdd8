using System.Text.Json;
using System.Text.Json.Serialization;

namespace IssuerSync.Core.Push;

/// <summary>
/// An air-gapped export: a push body and the token that authenticates it, carried to a connected
/// host and sent there unchanged (<c>issuersync push bundle.json</c>).
/// </summary>
public sealed record PushBundle
{
    [JsonPropertyName("version")]
    public string Version { get; init; } = PushProtocol.BundleVersion;

    /// <summary>The service-account token the cluster minted (a secret until it expires: keep the file private).</summary>
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    [JsonPropertyName("push")]
    public required PushRequest Push { get; init; }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, PushJson.Info<PushBundle>());

    public static PushBundle FromJson(ReadOnlySpan<byte> json)
        => JsonSerializer.Deserialize(json, PushJson.Info<PushBundle>()) is { } bundle
            ? bundle with { Version = bundle.Version ?? PushProtocol.BundleVersion } // absent init members come back null (generated JSON)
            : throw new JsonException("the bundle is null");
}
