using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>
/// A real target whose operator presses Ctrl-C at one point of a publish: just before or just after
/// the write of one document. From then on every call sees the cancelled token, as real I/O does.
/// </summary>
internal sealed class CancellingTarget(IFileTarget inner, CancellationTokenSource ctrlC, string? path, bool afterWrite) : IFileTarget
{
    public string DisplayName => inner.DisplayName;

    public Uri? PublicBaseUrl => inner.PublicBaseUrl;

    public string LocationOf(string documentPath) => inner.LocationOf(documentPath);

    public Task<StoredDocument?> ReadAsync(string documentPath, CancellationToken cancellationToken = default)
    {
        PressBeforeAnything(cancellationToken);
        return inner.ReadAsync(documentPath, cancellationToken);
    }

    public async Task WriteAsync(string documentPath, DocumentContent content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (documentPath == path && !afterWrite)
        {
            await ctrlC.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        await inner.WriteAsync(documentPath, content, cancellationToken);
        if (documentPath == path && afterWrite)
        {
            await ctrlC.CancelAsync();
        }
    }

    /// <summary>With no document named, Ctrl-C lands before the first request.</summary>
    private void PressBeforeAnything(CancellationToken cancellationToken)
    {
        if (path is null)
        {
            ctrlC.Cancel();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
