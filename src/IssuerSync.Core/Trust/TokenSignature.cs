using System.Security.Cryptography;
using IssuerSync.Core.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IssuerSync.Core.Trust;

/// <summary>
/// Whether a token's signature verifies with exactly one validated public key and that key's alg: nothing else (issuer, audience,
/// lifetime) is judged here, so each caller checks the claims its own way, after this.
/// </summary>
internal static class TokenSignature
{
    public static Task<bool> VerifiesAsync(JsonWebToken token, ServiceAccountKey key) => VerifiesAsync(token, key, key.Kid);

    /// <summary>As above, with the key under <paramref name="kid"/>: the kid a JWKS publishes it with, which may not be Kubernetes' kid.</summary>
    public static async Task<bool> VerifiesAsync(JsonWebToken token, ServiceAccountKey key, string kid)
    {
        using var algorithm = CreateAlgorithm(key);
        SecurityKey securityKey = algorithm is RSA rsa ? new RsaSecurityKey(rsa) : new ECDsaSecurityKey((ECDsa)algorithm);
        securityKey.KeyId = kid;

        // The default factory caches signature providers by key across calls, holding the RSA/ECDsa disposed below.
        securityKey.CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false };
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = securityKey,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [key.Algorithm],
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireAudience = false,
            ValidateTokenReplay = false,
        }).ConfigureAwait(false);
        return result.IsValid;
    }

    private static AsymmetricAlgorithm CreateAlgorithm(ServiceAccountKey key)
    {
        if (key.Type == KeyType.Rsa)
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo.Span, out _);
            return rsa;
        }

        var ec = ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo.Span, out _);
        return ec;
    }
}
