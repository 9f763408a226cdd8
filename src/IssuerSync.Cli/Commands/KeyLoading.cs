using IssuerSync.Core.Keys;
using IssuerSync.Agent.Keys;

namespace IssuerSync.Cli.Commands;

/// <summary>Reads the --key files of a verb into one key set.</summary>
internal static class KeyLoading
{
    public static async Task<KeySet> LoadAsync(IEnumerable<string> files, CancellationToken cancellationToken)
        => KeySet.Create(await KeyFileReader.ReadAsync(files, cancellationToken).ConfigureAwait(false));
}
