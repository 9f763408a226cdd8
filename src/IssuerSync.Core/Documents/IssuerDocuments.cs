using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Documents;

/// <summary>The two documents of one issuer, with where each is served relative to the issuer.</summary>
public sealed record IssuerDocuments(IssuerUrl Issuer, JwksUri JwksUri, KeySet Keys, byte[] Discovery, byte[] Jwks)
{
    public static IssuerDocuments Create(IssuerUrl issuer, JwksUri? jwksUri, KeySet keys)
    {
        var uri = jwksUri ?? issuer.DefaultJwksUri;
        return new IssuerDocuments(issuer, uri, keys, DiscoveryDocument.Build(issuer, uri, keys), JwksDocument.Build(keys));
    }

    /// <summary>The discovery document's path under the issuer: ".well-known/openid-configuration".</summary>
    public string DiscoveryPath => IssuerUrl.DiscoveryPath;

    /// <summary>The JWKS path under the issuer ("openid/v1/jwks"), or null when jwks_uri points elsewhere.</summary>
    public string? JwksPath => Issuer.RelativePathOf(JwksUri.Value) is { } path && !path.Contains('?') ? path : null;
}
