using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>
/// A real target whose operator presses Ctrl-C at one point of a publish: just before or just after
/// the write of one document. From then on every call sees the cancelled token, as real I/O does.
/// </summary>
internal sealed class CancellingTarget(IPublishTarget inner, CancellationTokenSource ctrlC, string? path, bool afterWrite) : IPublishTarget
{
    public string DisplayName => inner.DisplayName;

    public bool StoresHeaders => inner.StoresHeaders;

    public bool StoresMetadata => inner.StoresMetadata;

    public RequestCounter Requests => inner.Requests;

    public Uri? PublicBaseUrl => inner.PublicBaseUrl;

    public Uri? AnonymousReadUrlOf(string documentPath) => inner.AnonymousReadUrlOf(documentPath);

    public string LocationOf(string documentPath) => inner.LocationOf(documentPath);

    public Task PrepareAsync(CancellationToken cancellationToken = default) => inner.PrepareAsync(cancellationToken);

    public Task<StoredProperties?> ReadPropertiesAsync(string documentPath, CancellationToken cancellationToken = default)
    {
        PressBeforeAnything(cancellationToken);
        return inner.ReadPropertiesAsync(documentPath, cancellationToken);
    }

    public Task<StoredDocument?> ReadAsync(string documentPath, CancellationToken cancellationToken = default)
    {
        PressBeforeAnything(cancellationToken);
        return inner.ReadAsync(documentPath, cancellationToken);
    }

    public Task WriteAsync(string documentPath, DocumentContent content, CancellationToken cancellationToken = default)
        => WriteAsync(documentPath, content, WriteCondition.None, cancellationToken);

    public async Task<string?> WriteAsync(string documentPath, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (documentPath == path && !afterWrite)
        {
            await ctrlC.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var etag = await inner.WriteAsync(documentPath, content, condition, cancellationToken);
        if (documentPath == path && afterWrite)
        {
            await ctrlC.CancelAsync();
        }

        return etag;
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
