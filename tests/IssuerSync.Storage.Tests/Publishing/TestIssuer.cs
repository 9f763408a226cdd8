using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Storage.Tests.Publishing;

/// <summary>Builds an issuer's documents from fresh test keys.</summary>
internal static class TestIssuer
{
    public static IssuerDocuments Documents(string issuer, params AsymmetricAlgorithm[] keys) => Documents(issuer, null, keys);

    public static IssuerDocuments Documents(string issuer, string? jwksUri, params AsymmetricAlgorithm[] keys)
        => IssuerDocuments.Create(
            IssuerUrl.Parse(issuer),
            jwksUri is null ? null : JwksUri.Parse(jwksUri),
            KeySet.Create(keys.SelectMany((k, i) => KeyFileParser.Parse(Encoding.ASCII.GetBytes(TestKeys.PublicPem(k)), $"key{i}.pem"))));

    /// <summary>The "alg" of every key in a served JWKS, sorted.</summary>
    public static string[] JwksAlgorithms(byte[] jwks)
    {
        using var json = JsonDocument.Parse(jwks);
        return json.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("alg").GetString()!).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>id_token_signing_alg_values_supported of a served discovery document.</summary>
    public static string[] DiscoveryAlgorithms(byte[] discovery)
    {
        using var json = JsonDocument.Parse(discovery);
        return json.RootElement.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()!).ToArray();
    }
}
