using IssuerSync.Core.Keys;

namespace IssuerSync.Agent.Keys;

/// <summary>
/// The fallback for clusters whose discovery endpoints are off: key files read on a control-plane
/// node (hostPath). A private key is reduced to its public half by the parser; nothing private is kept.
/// </summary>
public sealed class KeyFileKeySource(IReadOnlyList<string> paths) : IKeySource
{
    public string Description => "key files " + string.Join(", ", paths);

    public async Task<ObservedKeys> ReadAsync(CancellationToken cancellationToken = default)
    {
        var keys = await KeyFileReader.ReadAsync(paths, cancellationToken).ConfigureAwait(false);
        return ObservedKeys.Create(KeySet.Create(keys), Description);
    }
}
