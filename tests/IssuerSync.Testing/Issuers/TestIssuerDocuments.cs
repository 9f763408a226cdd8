using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace IssuerSync.Testing.Issuers;

/// <summary>
/// Writes an issuer's documents by hand, as kube-apiserver serves them, so tests can break one
/// thing at a time. Independent of the product's document builders.
/// </summary>
public static class TestIssuerDocuments
{
    public static JsonObject Discovery(string issuer, string jwksUri, params string[] algorithms) => new()
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = jwksUri,
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray(algorithms.Select(a => (JsonNode)a).ToArray()),
    };

    public static JsonObject Jwks(params JsonObject[] keys) => new() { ["keys"] = new JsonArray(keys) };

    public static JsonObject Jwk(AsymmetricAlgorithm key, string? kid = null)
    {
        kid ??= TestKeys.ExpectedKid(key);
        switch (key)
        {
            case RSA rsa:
            {
                var p = rsa.ExportParameters(false);
                return new JsonObject { ["use"] = "sig", ["kty"] = "RSA", ["kid"] = kid, ["alg"] = "RS256", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
            }

            case ECDsa ec:
            {
                var p = ec.ExportParameters(false);
                var (crv, alg) = p.Q.X!.Length switch { 32 => ("P-256", "ES256"), 48 => ("P-384", "ES384"), _ => ("P-521", "ES512") };
                return new JsonObject { ["use"] = "sig", ["kty"] = "EC", ["kid"] = kid, ["alg"] = alg, ["crv"] = crv, ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) };
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }

    public static string B64(byte[] value) => Base64Url.EncodeToString(value);
}
