using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Documents;

/// <summary>
/// A JWKS read from outside (an API server, a push, a published issuer): every key that passed, and
/// every problem found, each naming the key and the fix. A set with any problem must not be trusted.
/// </summary>
public sealed record JwksParseResult(IReadOnlyList<ServiceAccountKey> Keys, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0 && Keys.Count > 0;

    /// <summary>The keys as a set, or an exception listing every problem.</summary>
    public KeySet ToKeySet(string source) => IsValid
        ? KeySet.Create(Keys)
        : throw new KeyFormatException(source, null, Problems.Count == 0 ? "the JWKS has no keys" : string.Join("; ", Problems));
}
