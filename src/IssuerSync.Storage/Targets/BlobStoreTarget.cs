namespace IssuerSync.Storage.Targets;

/// <summary>
/// The skeleton of a blob-store target: names, URLs and the one fault filter in front of the store's error mapping.
/// A store supplies four primitives (read, conditional write, metadata, error map) and its storage URLs; each
/// primitive returns null for a missing document and lets every other failure go to <see cref="Failed"/>.
/// </summary>
public abstract class BlobStoreTarget : IBlobTarget
{
    private protected BlobStoreTarget(string displayName, Uri? publicBaseUrl, bool requireAnonymousRead)
    {
        DisplayName = displayName;
        PublicBaseUrl = publicBaseUrl;
        RequireAnonymousRead = requireAnonymousRead;
    }

    public string DisplayName { get; }

    public Uri? PublicBaseUrl { get; }

    public abstract StorageHint AnonymousReadFix { get; }

    /// <summary>Whether clouds read the documents at their storage URL (false behind a CDN with its own access).</summary>
    protected bool RequireAnonymousRead { get; }

    public string LocationOf(string path) => StorageUrlOf(path).ToString();

    public Uri? AnonymousReadUrlOf(string path) => RequireAnonymousRead ? StorageUrlOf(path) : null;

    public abstract Task PrepareAsync(CancellationToken cancellationToken = default);

    /// <summary>The public base URL of a target's <paramref name="folder"/> (a store's <c>Under</c>): null stays null.</summary>
    private protected static Uri? PublicBaseUrlUnder(Uri? publicBaseUrl, string folder)
        => publicBaseUrl is null ? null : new Uri($"{publicBaseUrl.ToString().TrimEnd('/')}/{folder.Trim('/')}");

    public Task<StoredDocument?> ReadAsync(string path, CancellationToken cancellationToken = default)
        => GuardAsync($"read {LocationOf(path)}", () => GetAsync(path, cancellationToken), cancellationToken);

    public Task<StoredProperties?> ReadPropertiesAsync(string path, CancellationToken cancellationToken = default)
        => GuardAsync($"read {LocationOf(path)}", () => HeadAsync(path, cancellationToken), cancellationToken);

    public Task<string?> WriteAsync(string path, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(condition);
        return GuardAsync($"write {LocationOf(path)}", () => PutAsync(path, content, condition, cancellationToken), cancellationToken);
    }

    /// <summary>The URL of the object or blob at <paramref name="path"/> (the store's own address, not the public base URL).</summary>
    protected abstract Uri StorageUrlOf(string path);

    /// <summary>Read: the document with its headers, metadata (names lower case) and ETag, or null when there is none.</summary>
    protected abstract Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken);

    /// <summary>Metadata: what a HEAD tells, or null when there is no document.</summary>
    protected abstract Task<StoredProperties?> HeadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Conditional write: one PUT with the headers, the metadata and the condition; the new ETag.</summary>
    protected abstract Task<string?> PutAsync(string path, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>Error map: the store's failure as one line "TARGET: cannot ACTION: cause", with its code and hint.</summary>
    protected abstract StorageException Failed(Exception exception, string action);

    /// <summary>Runs a store call, mapping any fault of the store (not the caller's cancellation, not an already mapped error).</summary>
    protected async Task<T> GuardAsync<T>(string action, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFaults.IsFault(e, cancellationToken))
        {
            throw Failed(e, action);
        }
    }
}
