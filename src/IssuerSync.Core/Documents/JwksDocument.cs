using System.Text.Json;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Documents;

/// <summary>
/// The JSON Web Key Set for a key set, with members in the order kube-apiserver (go-jose) writes
/// them: use, kty, kid, crv, alg, x, y, n, e.
/// </summary>
public static class JwksDocument
{
    public static byte[] Build(KeySet keys) => JsonDocumentWriter.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        foreach (var jwk in keys.Keys.Select(Jwk.FromKey))
        {
            writer.WriteStartObject();
            writer.WriteString("use", Jwk.Use);
            writer.WriteString("kty", jwk.Kty);
            writer.WriteString("kid", jwk.Kid);
            WriteIfPresent(writer, "crv", jwk.Crv);
            writer.WriteString("alg", jwk.Alg);
            WriteIfPresent(writer, "x", jwk.X);
            WriteIfPresent(writer, "y", jwk.Y);
            WriteIfPresent(writer, "n", jwk.N);
            WriteIfPresent(writer, "e", jwk.E);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
