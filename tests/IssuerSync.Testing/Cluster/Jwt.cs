using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IssuerSync.Testing.Cluster;

/// <summary>Signs and checks RS256/ES256 JWTs the way kube-apiserver's TokenRequest does, independently of the product.</summary>
public static class Jwt
{
    public static string Sign(AsymmetricAlgorithm key, string kid, JsonObject claims)
    {
        var alg = key is RSA ? "RS256" : "ES256";
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["alg"] = alg, ["kid"] = kid }));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var input = Encoding.ASCII.GetBytes(header + "." + payload);
        var signature = key switch
        {
            RSA rsa => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(input, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        return header + "." + payload + "." + Base64Url(signature);
    }

    public static bool Verify(string token, AsymmetricAlgorithm key)
    {
        var parts = token.Split('.');
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = FromBase64Url(parts[2]);
        return key switch
        {
            RSA rsa => rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.VerifyData(input, signature, HashAlgorithmName.SHA256),
            _ => false,
        };
    }

    public static JsonObject Claims(string token) => JsonNode.Parse(FromBase64Url(token.Split('.')[1]))!.AsObject();

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
