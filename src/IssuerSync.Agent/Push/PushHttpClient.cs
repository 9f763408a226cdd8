namespace IssuerSync.Agent.Push;

/// <summary>
/// The HttpClient a <see cref="PushClient"/> sends with: it follows no redirect, because a redirect
/// would carry the bearer token, the function key and the body to whatever origin the Location names.
/// </summary>
public static class PushHttpClient
{
    public static HttpClient Create() => new(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        // PushClient bounds every attempt with its own RequestTimeout.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
