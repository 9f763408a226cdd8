using System.Text.Json;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Keys;

/// <summary>
/// The public keys the agent read, and the JWKS it pushes for them: rebuilt from the validated keys
/// (deterministic bytes, public members only), so the same keys always compare equal.
/// </summary>
public sealed class ObservedKeys
{
    private ObservedKeys(KeySet keys, string source)
    {
        Keys = keys;
        Source = source;
        Jwks = JwksDocument.Build(keys);
    }

    public KeySet Keys { get; }

    /// <summary>Where the keys came from ("the API server", or the key files).</summary>
    public string Source { get; }

    public byte[] Jwks { get; }

    public IReadOnlyList<string> Kids => Keys.Keys.Select(k => k.Kid).ToArray();

    public static ObservedKeys Create(KeySet keys, string source) => new(keys, source);

    public JsonElement JwksElement()
    {
        using var document = JsonDocument.Parse(Jwks);
        return document.RootElement.Clone();
    }

    /// <summary>The push body for these keys: what a live agent sends (<see cref="PushProtocol.SourceLive"/>) and a bundle carries.</summary>
    public PushRequest ToPush(IssuerUrl issuer, DateTimeOffset observedAt, string source) => new()
    {
        Issuer = issuer.Value,
        Jwks = JwksElement(),
        ObservedAt = observedAt,
        AgentVersion = AgentInfo.Version,
        Source = source,
    };

    public bool SameKeysAs(ObservedKeys? other) => other is not null && Jwks.AsSpan().SequenceEqual(other.Jwks);
}
