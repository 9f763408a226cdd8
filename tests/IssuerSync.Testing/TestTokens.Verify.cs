using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IssuerSync.Testing;

/// <summary>Mints JWS compact tokens by hand (independently of Microsoft.IdentityModel) with real keys: RS256, or ES256/384/512 by curve.</summary>
public static partial class TestTokens
{
    public const string Subject = "system:serviceaccount:payments:api";

    public static string Mint(AsymmetricAlgorithm key, string? kid, string iss, string[] aud, DateTimeOffset expires, string? alg = null, bool withExpiry = true)
    {
        alg ??= key is RSA ? "RS256" : ((ECDsa)key).KeySize switch { 256 => "ES256", 384 => "ES384", _ => "ES512" };
        var header = new JsonObject { ["alg"] = alg };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var issued = expires.AddHours(-1);
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray(aud.Select(a => (JsonNode)a).ToArray()),
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["iss"] = iss,
            ["kubernetes.io"] = new JsonObject { ["namespace"] = "payments", ["serviceaccount"] = new JsonObject { ["name"] = "api" } },
            ["nbf"] = issued.ToUnixTimeSeconds(),
            ["sub"] = Subject,
        };
        if (withExpiry)
        {
            payload["exp"] = expires.ToUnixTimeSeconds();
        }

        var signingInput = $"{B64(header.ToJsonString())}.{B64(payload.ToJsonString())}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, ec.KeySize switch { 256 => HashAlgorithmName.SHA256, 384 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 }, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>
    /// A kube-apiserver-style token (TestTokens.Claims) issued at <paramref name="issuedAt"/> that lives
    /// <paramref name="lifetime"/> (exp - iat), as a projected volume with that expirationSeconds gets;
    /// without iat when <paramref name="withIat"/> is false.
    /// </summary>
    public static string Lived(AsymmetricAlgorithm key, string iss, string aud, DateTimeOffset issuedAt, TimeSpan lifetime, bool withIat = true)
    {
        var claims = Claims(iss, Subject, aud, issuedAt, lifetime);
        if (!withIat)
        {
            claims.Remove("iat");
        }

        return Sign(key, claims);
    }

    /// <summary>An unsigned token (alg none, empty signature) that otherwise looks valid.</summary>
    public static string Unsigned(string kid, string iss, string[] aud, DateTimeOffset expires)
    {
        var header = new JsonObject { ["alg"] = "none", ["kid"] = kid };
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray(aud.Select(a => (JsonNode)a).ToArray()),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iss"] = iss,
            ["sub"] = Subject,
        };
        return $"{B64(header.ToJsonString())}.{B64(payload.ToJsonString())}.";
    }

    /// <summary>The same token with one claim changed after signing: the signature no longer covers it.</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload["sub"] = "system:serviceaccount:kube-system:admin";
        return $"{parts[0]}.{B64(payload.ToJsonString())}.{parts[2]}";
    }

    private static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
