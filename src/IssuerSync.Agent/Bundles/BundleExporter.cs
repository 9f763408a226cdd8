using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Bundles;

/// <summary>
/// Air-gapped sites: the push a live agent would send, with its token, as a file
/// (<c>issuersync agent export</c>), carried to a connected host and sent by <c>issuersync push</c>.
/// </summary>
public static class BundleExporter
{
    public static async Task<PushBundle> CreateAsync(
        IKeySource keys,
        ITokenSource tokens,
        IssuerUrl issuer,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        var observed = await keys.ReadAsync(cancellationToken).ConfigureAwait(false);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        return new PushBundle { Token = token, Push = observed.ToPush(issuer, time.GetUtcNow(), PushProtocol.SourceBundle) };
    }

    /// <summary>
    /// Writes the bundle readable by its owner only (it carries a credential until the token expires):
    /// a new 0600 file renamed into place, so an existing file or a symlink at the path is replaced, never written through.
    /// </summary>
    public static async Task WriteAsync(PushBundle bundle, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await PrivateFile.WriteAsync(path, bundle.ToJson(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Core.IssuerSyncException(
                $"--out '{path}': cannot be written ({e.Message.TrimEnd('.')}). Hint: choose a file in a folder you may write to");
        }
    }
}
