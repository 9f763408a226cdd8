using System.Security.Cryptography;
using IssuerSync.Core.Keys;
using Microsoft.IdentityModel.Tokens;

namespace IssuerSync.Core.Trust;

/// <summary>Turns a validated public key into the IdentityModel key that verifies its tokens.</summary>
internal static class SecurityKeys
{
    public static SecurityKey From(ServiceAccountKey key)
    {
        SecurityKey result;
        if (key.Type == KeyType.Rsa)
        {
            result = new RsaSecurityKey(new RSAParameters { Modulus = key.Modulus.ToArray(), Exponent = key.Exponent.ToArray() });
        }
        else
        {
            var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo.Span, out _);
            result = new ECDsaSecurityKey(ec);
        }

        result.KeyId = key.Kid;
        return result;
    }
}
