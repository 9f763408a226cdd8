using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Tests.Targets.Contract;

/// <summary>
/// A fresh, empty place in the store under test (a folder, a container, a bucket): the targets a publisher gets for
/// it, and how a reader outside the publisher sees it (an anonymous GET, or the file a web server would serve).
/// </summary>
public abstract class TargetPlace
{
    /// <summary>A new target for PREFIX in this place, served at <paramref name="issuer"/>, counting into <paramref name="requests"/>.</summary>
    public abstract IPublishTarget Target(string prefix, string issuer, RequestCounter requests);

    /// <summary>What a reader gets at PREFIX/PATH (every upload is read back this way), or null when nothing is served there.</summary>
    public abstract Task<ServedDocument?> ServedAsync(string prefix, string path);

    /// <summary>What changes whenever the document is rewritten (ETag and Last-Modified, a file's write time).</summary>
    public abstract Task<string> StampAsync(string prefix, string path);

    /// <summary>Replaces the document behind the publisher's back (another tool, a person).</summary>
    public abstract Task ReplaceAsync(string prefix, string path, byte[] bytes);

    /// <summary>Deletes the document behind the publisher's back.</summary>
    public abstract Task DeleteAsync(string prefix, string path);
}
