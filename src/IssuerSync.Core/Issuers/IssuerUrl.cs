namespace IssuerSync.Core.Issuers;

/// <summary>
/// A service-account issuer URL, checked as kube-apiserver checks <c>--service-account-issuer</c>
/// for the discovery document: absolute, https, no query, no fragment, no user info. A path is
/// allowed. The string is kept byte for byte: a trailing slash is part of the issuer, and tokens,
/// the discovery document and the cloud registration must all carry the same bytes.
/// </summary>
public sealed class IssuerUrl
{
    public const string DiscoveryPath = ".well-known/openid-configuration";
    public const string DefaultJwksPath = "openid/v1/jwks";

    private IssuerUrl(string value, Uri uri)
    {
        Value = value;
        Uri = uri;
    }

    /// <summary>The issuer exactly as given.</summary>
    public string Value { get; }

    public Uri Uri { get; }

    /// <summary>The issuer with exactly one trailing slash: the base the documents' paths are relative to.</summary>
    public string BaseWithSlash => Value.EndsWith('/') ? Value : Value + "/";

    /// <summary>Where a cloud fetches the discovery document: {issuer}/.well-known/openid-configuration.</summary>
    public string DiscoveryUrl => BaseWithSlash + DiscoveryPath;

    /// <summary>{issuer}/openid/v1/jwks, without a double slash when the issuer ends in '/'.</summary>
    public JwksUri DefaultJwksUri => JwksUri.Parse(BaseWithSlash + DefaultJwksPath);

    public static IssuerUrl Parse(string value)
    {
        var uri = UrlRules.Check(value, "issuer URL", allowQuery: false);
        return IssuerOfWellKnownUrl(value) is { } issuer
            ? throw new IssuerUrlException(
                $"issuer URL '{value}' is a discovery document URL (a /.well-known/ path), not an issuer: " +
                "clouds append /.well-known/openid-configuration to the issuer themselves, " +
                $"so they would fetch {value.TrimEnd('/')}/{DiscoveryPath} and fail. Hint: give the issuer '{issuer}'")
            : new(value, uri);
    }

    /// <summary>
    /// For a URL with a <c>.well-known</c> path segment (any case, percent-encoded or not), the part
    /// before it: the issuer the user probably meant. Null for any other URL.
    /// IMPORTANT: <see cref="Parse"/> refuses these URLs for every verb; <c>verify</c>
    /// (Verification/IssuerChecks) reports the same rule as a finding with the cloud error it causes.
    /// </summary>
    public static string? IssuerOfWellKnownUrl(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        var end = value.IndexOfAny(['?', '#']) is var stop and >= 0 ? stop : value.Length;
        var slash = schemeEnd < 0 || schemeEnd + 3 >= end ? -1 : value.IndexOf('/', schemeEnd + 3, end - schemeEnd - 3);
        while (slash >= 0 && slash < end)
        {
            var next = value.IndexOf('/', slash + 1, end - slash - 1);
            var segment = value[(slash + 1)..(next < 0 ? end : next)];
            if (string.Equals(Uri.UnescapeDataString(segment), ".well-known", StringComparison.OrdinalIgnoreCase))
            {
                return value[..slash];
            }

            slash = next;
        }

        return null;
    }

    /// <summary>
    /// The path of <paramref name="url"/> relative to this issuer ("openid/v1/jwks"), or null when the
    /// URL is not under the issuer.
    /// </summary>
    public string? RelativePathOf(string url)
        => url.StartsWith(BaseWithSlash, StringComparison.Ordinal) && url.Length > BaseWithSlash.Length
            ? url[BaseWithSlash.Length..]
            : null;

    /// <summary>
    /// Whether <paramref name="value"/> is this issuer but for trailing slashes. Clouds compare issuers byte for byte, so such a value is
    /// refused like any other; it only earns a more precise message.
    /// </summary>
    public bool DiffersOnlyBySlash(string? value)
        => value is not null
            && !string.Equals(value, Value, StringComparison.Ordinal)
            && string.Equals(value.TrimEnd('/'), Value.TrimEnd('/'), StringComparison.Ordinal);

    public override string ToString() => Value;
}
