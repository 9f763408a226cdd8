namespace IssuerSync.Storage.Targets;

/// <summary>
/// A target that keeps only the documents' bytes (a folder behind a web server, which sets the headers itself) and
/// has no conditional write: the publisher compares bytes and replaces a document that differs.
/// </summary>
public interface IFileTarget : IPublishTarget
{
    /// <summary>Replaces the document at <paramref name="path"/> as one atomic step: readers see the old or the new bytes, never a mix.</summary>
    Task WriteAsync(string path, DocumentContent content, CancellationToken cancellationToken = default);
}
