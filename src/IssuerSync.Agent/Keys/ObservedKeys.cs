using System.Text.Json;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;

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

    public bool SameKeysAs(ObservedKeys? other) => other is not null && Jwks.AsSpan().SequenceEqual(other.Jwks);
}
