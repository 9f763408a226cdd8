using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IssuerSync.Demo;

/// <summary>Signs a JWT as kube-apiserver's TokenRequest does: header {alg, kid}, RS256 or ES256.</summary>
public static class DemoJwt
{
    public static string Sign(AsymmetricAlgorithm key, string kid, JsonObject claims)
    {
        var header = Base64Url(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = key is RSA ? "RS256" : "ES256", ["kid"] = kid }.ToJsonString()));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var input = Encoding.ASCII.GetBytes(header + "." + payload);
        var signature = key switch
        {
            RSA rsa => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(input, HashAlgorithmName.SHA256),
            _ => throw new DemoException("unsupported key type"),
        };
        return header + "." + payload + "." + Base64Url(signature);
    }

    /// <summary>The claims of a service-account token for <paramref name="subject"/>, with a unique jti (kube-apiserver 1.30+).</summary>
    public static JsonObject Claims(string issuer, string subject, IEnumerable<string> audiences, DateTimeOffset now, long lifetimeSeconds) => new()
    {
        ["aud"] = new JsonArray(audiences.Select(a => (JsonNode)a!).ToArray()),
        ["exp"] = now.AddSeconds(lifetimeSeconds).ToUnixTimeSeconds(),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["iss"] = issuer,
        ["jti"] = Guid.NewGuid().ToString(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["sub"] = subject,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
