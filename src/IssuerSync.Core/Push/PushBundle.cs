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

    public byte[] ToJson() => PushJson.Write(this);

    public static PushBundle FromJson(ReadOnlySpan<byte> json)
    {
        var bundle = PushJson.Read<PushBundle>(json, "bundle");
        return bundle with { Version = bundle.Version ?? PushProtocol.BundleVersion };
    }
}
