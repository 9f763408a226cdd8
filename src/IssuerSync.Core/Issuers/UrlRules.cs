namespace IssuerSync.Core.Issuers;

/// <summary>The URL checks kube-apiserver applies to the issuer and JWKS URLs, one message per rule.</summary>
internal static class UrlRules
{
    public static Uri Check(string value, string what, bool allowQuery)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new IssuerUrlException($"{what} is empty: give the cluster's --service-account-issuer, e.g. https://example.blob.core.windows.net/oidc");
        }

        if (value != value.Trim())
        {
            throw new IssuerUrlException($"{what} '{value}' has leading or trailing whitespace: the issuer is compared byte for byte");
        }

        // Uri.TryCreate accepts "/path" as a file URI on Unix, so the scheme separator is required first.
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new IssuerUrlException($"{what} '{value}' is not an absolute URL: it must look like https://HOST[/PATH]");
        }

        if (!string.Equals(value[..schemeEnd], "https", StringComparison.Ordinal))
        {
            throw new IssuerUrlException($"{what} '{value}' must use the https scheme (clouds fetch issuers over https only), not '{value[..schemeEnd]}'");
        }

        var authority = value[(schemeEnd + 3)..].Split('/', '?', '#')[0];
        if (authority.Contains('@'))
        {
            throw new IssuerUrlException($"{what} '{value}' may not include user info (the part before '@')");
        }

        if (!allowQuery && value.Contains('?'))
        {
            throw new IssuerUrlException($"{what} '{value}' may not include a query ('?…'): clouds append the discovery path to the issuer");
        }

        if (value.Contains('#'))
        {
            throw new IssuerUrlException($"{what} '{value}' may not include a fragment ('#…')");
        }

        return uri;
    }
}
