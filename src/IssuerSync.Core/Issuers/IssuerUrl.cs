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

    public static IssuerUrl Parse(string value) => new(value, UrlRules.Check(value, "issuer URL", allowQuery: false));

    /// <summary>
    /// The path of <paramref name="url"/> relative to this issuer ("openid/v1/jwks"), or null when the
    /// URL is not under the issuer.
    /// </summary>
    public string? RelativePathOf(string url)
        => url.StartsWith(BaseWithSlash, StringComparison.Ordinal) && url.Length > BaseWithSlash.Length
            ? url[BaseWithSlash.Length..]
            : null;

    public override string ToString() => Value;
}
