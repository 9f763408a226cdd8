using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Documents;

/// <summary>
/// The OpenID discovery document, with the fields, values and order kube-apiserver serves at
/// /.well-known/openid-configuration (pkg/serviceaccount/openidmetadata.go).
/// </summary>
public static class DiscoveryDocument
{
    public static byte[] Build(IssuerUrl issuer, JwksUri jwksUri, KeySet keys) => JsonDocumentWriter.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("issuer", issuer.Value);
        writer.WriteString("jwks_uri", jwksUri.Value);
        WriteArray(writer, "response_types_supported", ["id_token"]);
        WriteArray(writer, "subject_types_supported", ["public"]);
        WriteArray(writer, "id_token_signing_alg_values_supported", keys.Algorithms);
        writer.WriteEndObject();
    });

    private static void WriteArray(System.Text.Json.Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
