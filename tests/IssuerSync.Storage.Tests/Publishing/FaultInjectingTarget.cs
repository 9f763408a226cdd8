using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Tests.Publishing;

/// <summary>
/// A real target with a hook around its writes: the test stops the emulator just before or just
/// after the write of one document, as a crash or a network cut would.
/// </summary>
internal sealed class FaultInjectingTarget(IBlobTarget inner, string path, Action fault, bool afterWrite) : IBlobTarget
{
    public string DisplayName => inner.DisplayName;

    public Uri? PublicBaseUrl => inner.PublicBaseUrl;

    public StorageHint AnonymousReadFix => inner.AnonymousReadFix;

    public Uri? AnonymousReadUrlOf(string documentPath) => inner.AnonymousReadUrlOf(documentPath);

    public string LocationOf(string documentPath) => inner.LocationOf(documentPath);

    public Task PrepareAsync(CancellationToken cancellationToken = default) => inner.PrepareAsync(cancellationToken);

    public Task<StoredProperties?> ReadPropertiesAsync(string documentPath, CancellationToken cancellationToken = default) => inner.ReadPropertiesAsync(documentPath, cancellationToken);

    public Task<StoredDocument?> ReadAsync(string documentPath, CancellationToken cancellationToken = default) => inner.ReadAsync(documentPath, cancellationToken);

    public async Task<string?> WriteAsync(string documentPath, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        if (documentPath == path && !afterWrite)
        {
            fault();
        }

        var etag = await inner.WriteAsync(documentPath, content, condition, cancellationToken);
        if (documentPath == path && afterWrite)
        {
            fault();
        }

        return etag;
    }
}
