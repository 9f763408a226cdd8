namespace IssuerSync.Storage.Targets.Directory;

/// <summary>
/// Documents as files under a folder that a web server (nginx, a static site host, a ConfigMap
/// mount) serves at the issuer URL. Each write goes to a temporary file in the same folder and is
/// renamed over the old file, so a reader never sees a half-written document.
/// </summary>
public sealed class DirectoryTarget : IFileTarget
{
    public DirectoryTarget(string root)
    {
        Root = Path.GetFullPath(root);
        DisplayName = $"dir:{root}";
    }

    public string Root { get; }

    public string DisplayName { get; }

    /// <summary>Where every file read (GET) and write (PUT) of this target is counted: the host's counter.</summary>
    public RequestCounter Requests { get; init; } = new();

    /// <summary>The URL a web server serves <see cref="Root"/> at (the public base URL), when known.</summary>
    public Uri? PublicBaseUrl { get; init; }

    public string LocationOf(string path) => FullPathOf(path);

    public string FullPathOf(string path)
    {
        var segments = path.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            throw new StorageException(
                StorageErrorCodes.TargetInvalid,
                $"{DisplayName}: document path '{path}' is not a plain relative path (empty, '.' or '..' segment)",
                null);
        }

        return Path.Combine([Root, .. segments]);
    }

    public async Task<StoredDocument?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = FullPathOf(path);
        try
        {
            if (System.IO.Directory.Exists(file))
            {
                throw new StorageException(
                    StorageErrorCodes.FileFailed,
                    $"{DisplayName}: {file} is a directory where the document should be",
                    new StorageHint("remove it"));
            }

            if (!File.Exists(file))
            {
                return null;
            }

            Requests.RecordRead();
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            return new StoredDocument(bytes, null, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorCodes.FileFailed, $"{DisplayName}: cannot read {file}: {e.Message}", null, e);
        }
    }

    public async Task WriteAsync(string path, DocumentContent content, CancellationToken cancellationToken = default)
    {
        var file = FullPathOf(path);
        var folder = Path.GetDirectoryName(file)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(folder);
            Requests.RecordWrite();
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content.Bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new StorageException(StorageErrorCodes.FileFailed, $"{DisplayName}: cannot write {file}: {e.Message}", null, e);
        }
        catch (OperationCanceledException)
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is named so a web server never serves it; leaving it is harmless.
        }
    }
}
