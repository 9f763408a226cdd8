using System.Net;
using IssuerSync.Storage.Tests.Publishing;

namespace IssuerSync.Storage.Tests.Targets.Contract;

/// <summary>A place in a blob store, read as a cloud reads it: anonymous GETs of its storage URLs.</summary>
public abstract class HttpPlace : TargetPlace
{
    /// <summary>The storage URL of PREFIX/PATH.</summary>
    protected abstract string UrlOf(string prefix, string path);

    public override async Task<ServedDocument?> ServedAsync(string prefix, string path)
    {
        using var response = await AnonymousClient.GetAsync(UrlOf(prefix, path));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new ServedDocument(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString(), response.Headers.CacheControl?.ToString());
    }

    public override async Task<string> StampAsync(string prefix, string path)
    {
        using var response = await AnonymousClient.HeadAsync(UrlOf(prefix, path));
        return $"{response.Headers.ETag} {response.Content.Headers.LastModified:O}";
    }

    protected static string Join(string prefix, string path) => prefix.Length > 0 ? $"{prefix}/{path}" : path;
}
