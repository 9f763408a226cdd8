using System.Buffers.Text;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Documents;

/// <summary>
/// A public JSON Web Key (RFC 7517 §4, RFC 7518 §6). It has no member for any private parameter, so
/// a JWKS written from these cannot leak one.
/// </summary>
public sealed record Jwk(string Kty, string Kid, string Alg, string? N, string? E, string? Crv, string? X, string? Y)
{
    public const string Use = "sig";

    public static Jwk FromKey(ServiceAccountKey key) => key.Type switch
    {
        KeyType.Rsa => new Jwk("RSA", key.Kid, key.Algorithm, Encode(key.Modulus), Encode(key.Exponent), null, null, null),
        KeyType.Ec => new Jwk("EC", key.Kid, key.Algorithm, null, null, key.Curve!.JwkName, Encode(key.X), Encode(key.Y)),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    /// <summary>Rebuilds the public key this JWK describes (validated as any other key).</summary>
    public ServiceAccountKey ToKey(string source)
    {
        var block = $"kid {Kid}";
        return Kty switch
        {
            "RSA" => ServiceAccountKey.FromRsa(Decode(N, "n", source, block), Decode(E, "e", source, block), source, block),
            "EC" => ServiceAccountKey.FromEc(
                EcCurve.FromJwkName(Crv ?? string.Empty) ?? throw new KeyFormatException(source, block, $"unsupported crv '{Crv}'"),
                Decode(X, "x", source, block),
                Decode(Y, "y", source, block),
                source,
                block),
            _ => throw new KeyFormatException(source, block, $"unsupported kty '{Kty}'"),
        };
    }

    private static string Encode(ReadOnlyMemory<byte> value) => Base64Url.EncodeToString(value.Span);

    private static byte[] Decode(string? value, string member, string source, string block)
    {
        try
        {
            return Base64Url.DecodeFromChars(value ?? throw new FormatException());
        }
        catch (FormatException)
        {
            throw new KeyFormatException(source, block, $"'{member}' is missing or not base64url");
        }
    }
}
