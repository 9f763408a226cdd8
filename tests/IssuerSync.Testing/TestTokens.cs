using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IssuerSync.Testing;

/// <summary>
/// JWTs minted by hand with real keys, as kube-apiserver mints service-account tokens (RS256 or
/// ES256/384/512, kid = Kubernetes kid), with every header and claim under the test's control, so
/// tests can also forge, tamper and mis-sign.
/// </summary>
public static partial class TestTokens
{
    /// <summary>Kubernetes-style claims: iss, sub, aud (array), iat, nbf, exp (10 minutes), jti.</summary>
    public static JsonObject Claims(string issuer, string subject, string audience, DateTimeOffset now, TimeSpan? lifetime = null) => new()
    {
        ["aud"] = new JsonArray(audience),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(10))).ToUnixTimeSeconds(),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["iss"] = issuer,
        ["jti"] = Guid.NewGuid().ToString(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["sub"] = subject,
    };

    /// <summary>Signs with <paramref name="key"/> (RSA → RS256, EC → ES256/384/512) and names <paramref name="kid"/> (default: the key's Kubernetes kid).</summary>
    public static string Sign(AsymmetricAlgorithm key, JsonObject claims, string? kid = null, string? alg = null)
    {
        var algorithm = alg ?? AlgorithmOf(key);
        var header = new JsonObject { ["alg"] = algorithm, ["kid"] = kid ?? TestKeys.ExpectedKid(key) };
        return SignRaw(header, claims, input => key switch
        {
            RSA rsa => rsa.SignData(input, HashOf(algorithm), RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(input, HashOf(algorithm)),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        });
    }

    /// <summary>header.payload.signature with any header and any signing function.</summary>
    public static string SignRaw(JsonObject header, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var input = $"{Encode(header)}.{Encode(claims)}";
        return $"{input}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(input)))}";
    }

    public static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static JsonObject DecodePayload(string token)
        => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();

    public static string AlgorithmOf(AsymmetricAlgorithm key) => key switch
    {
        RSA => "RS256",
        ECDsa ec => ec.KeySize switch { 256 => "ES256", 384 => "ES384", _ => "ES512" },
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static HashAlgorithmName HashOf(string algorithm) => algorithm[^3..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    /// <summary>JSON of an object, for building bodies.</summary>
    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
