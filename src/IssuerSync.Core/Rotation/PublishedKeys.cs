using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Rotation;

/// <summary>
/// What an issuer's state says to publish: its active and retained keys. Deterministic: the same
/// state gives the same key set and the same document bytes.
/// </summary>
public static class PublishedKeys
{
    /// <summary>The key set to publish, or null while nothing is approved yet (first contact): publish nothing then.</summary>
    public static KeySet? Of(IssuerState state)
    {
        var keys = state.Keys.Where(k => k.IsPublished).Select(k => k.ToKey()).ToList();
        return keys.Count == 0 ? null : KeySet.Create(keys);
    }

    /// <summary>The discovery document and JWKS to publish, or null while nothing is approved yet.</summary>
    public static IssuerDocuments? Documents(IssuerState state, JwksUri? jwksUri = null)
        => Of(state) is { } keys ? IssuerDocuments.Create(IssuerUrl.Parse(state.Issuer), jwksUri, keys) : null;
}
