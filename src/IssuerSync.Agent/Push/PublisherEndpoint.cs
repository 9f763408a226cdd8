using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Push;

/// <summary>
/// The publisher's URLs: the push URL <c>{publisher}/api/PushKeys</c> and the base the operator routes
/// hang off. HTTPS only, because every request carries a credential (the bearer token, the function
/// key); plain HTTP is allowed to a loopback address alone.
/// </summary>
public static class PublisherEndpoint
{
    public static Uri Parse(string publisher)
    {
        var uri = Checked(publisher, "the push token");
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        if (path.EndsWith("/" + PushProtocol.PushPath + "/", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri(uri, path.TrimEnd('/'));
        }

        return new Uri(new UriBuilder(uri) { Path = path }.Uri, PushProtocol.PushPath);
    }

    /// <summary>The publisher's base URL with a trailing slash, for the operator routes under <c>api/</c>.</summary>
    public static Uri BaseUrl(string publisher)
    {
        var uri = Checked(publisher, "the function key");
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new UriBuilder(uri) { Path = path }.Uri;
    }

    private static Uri Checked(string publisher, string credential)
    {
        if (!Uri.TryCreate(publisher, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw AgentErrors.PublisherUrl(publisher, "not an absolute https URL");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw AgentErrors.PublisherUrl(publisher, $"plain http would expose {credential} on the network; use https");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw AgentErrors.PublisherUrl(
                publisher,
                "has a query, fragment or user info; give the base URL only (the function key goes in --function-key-file)");
        }

        return uri;
    }
}
