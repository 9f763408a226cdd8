using System.Text;
using IssuerSync.Core.Verification;

namespace IssuerSync.Core.Tests.Verification;

/// <summary>Responses as a host would have fetched them.</summary>
internal static class Responses
{
    public static FetchedResponse Json(string url, string body, string? contentType = "application/json", string? cacheControl = null) => new()
    {
        Url = url,
        StatusCode = 200,
        ContentType = contentType,
        CacheControl = cacheControl,
        Body = Encoding.UTF8.GetBytes(body),
    };
}
