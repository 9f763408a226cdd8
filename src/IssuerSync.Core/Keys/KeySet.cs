namespace IssuerSync.Core.Keys;

/// <summary>
/// A non-empty set of service-account keys, without duplicates, ordered by kid (ordinal), so that the
/// same keys in any order and with any repetition give the same documents byte for byte.
/// </summary>
public sealed class KeySet
{
    private KeySet(IReadOnlyList<ServiceAccountKey> keys) => Keys = keys;

    public IReadOnlyList<ServiceAccountKey> Keys { get; }

    /// <summary>The signing algorithms of the keys, distinct and sorted, as kube-apiserver lists them.</summary>
    public IReadOnlyList<string> Algorithms => Keys.Select(k => k.Algorithm).Distinct().Order(StringComparer.Ordinal).ToArray();

    public static KeySet Create(IEnumerable<ServiceAccountKey> keys)
    {
        var distinct = keys
            .DistinctBy(k => k.Kid, StringComparer.Ordinal)
            .OrderBy(k => k.Kid, StringComparer.Ordinal)
            .ToArray();
        return distinct.Length > 0
            ? new KeySet(distinct)
            : throw new IssuerSyncException("no keys given: an empty key set would make every token of the cluster unverifiable; pass at least one --key");
    }
}
