using System.Buffers.Text;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace IssuerSync.Testing;

/// <summary>
/// A used token re-encoded so its string differs while its signature may still verify (padding, trailing bits,
/// the standard alphabet, whitespace, extra segments, JSON serialization, the ECDSA twin (r, n − s)): the
/// encodings a replay attacker tries, shared by the trust-engine tests and the end-to-end tests.
/// </summary>
public static class TokenReEncodings
{
    /// <summary>Every re-encoding of an RSA token <see cref="ReEncode"/> knows, by name.</summary>
    public static IReadOnlyList<string> RsaNames { get; } =
    [
        "the original token", "signature padded with '=='", "signature padded with '='", "signature with non-zero trailing bits",
        "signature in the standard base64 alphabet", "payload with non-zero trailing bits", "payload padded", "header padded",
        "newline inside the signature", "space inside the payload", "trailing newline", "leading space", "tab at the end",
        "a fourth, empty segment", "a fourth segment", "an empty signature segment", "an empty header segment",
        "JWS JSON serialization (flattened)", "JWS JSON serialization (general)", "a segment one character too long",
        "a non-ASCII character", "signature with a zero byte prepended", "header re-serialized with spaces, same signature",
    ];

    /// <summary>The used <paramref name="token"/> re-encoded as <paramref name="name"/> says (<paramref name="key"/>: the EC key, for "DER-encoded signature").</summary>
    public static string ReEncode(string token, string name, AsymmetricAlgorithm? key = null)
    {
        var parts = token.Split('.');
        string Join(params string[] p) => string.Join('.', p);
        return name switch
        {
            "the original token" => token,
            "signature padded with '=='" => token + (parts[2].Length % 4 == 2 ? "==" : "="),
            "signature padded with '='" => token + "=",
            "signature with non-zero trailing bits" => Join(parts[0], parts[1], FlipTrailingBit(parts[2])),
            "signature in the standard base64 alphabet" => Join(parts[0], parts[1], Standard(parts[2])),
            "payload with non-zero trailing bits" => Join(parts[0], FlipTrailingBit(parts[1]), parts[2]),
            "payload padded" => Join(parts[0], parts[1] + "==", parts[2]),
            "header padded" => Join(parts[0] + "=", parts[1], parts[2]),
            "newline inside the signature" => Join(parts[0], parts[1], parts[2][..10] + "\n" + parts[2][10..]),
            "space inside the payload" => Join(parts[0], parts[1][..8] + " " + parts[1][8..], parts[2]),
            "trailing newline" => token + "\n",
            "leading space" => " " + token,
            "tab at the end" => token + "\t",
            "a fourth, empty segment" => token + ".",
            "a fourth segment" => token + ".c2ln",
            "an empty signature segment" => Join(parts[0], parts[1], string.Empty),
            "an empty header segment" => Join(string.Empty, parts[1], parts[2]),
            "JWS JSON serialization (flattened)" => new JsonObject { ["protected"] = parts[0], ["payload"] = parts[1], ["signature"] = parts[2] }.ToJsonString(),
            "JWS JSON serialization (general)" => new JsonObject { ["payload"] = parts[1], ["signatures"] = new JsonArray(new JsonObject { ["protected"] = parts[0], ["signature"] = parts[2] }) }.ToJsonString(),
            "a segment one character too long" => Join(parts[0], parts[1], parts[2] + (parts[2].Length % 4 == 0 ? "A" : "AAA")),
            "a non-ASCII character" => Join(parts[0], parts[1], parts[2][..5] + "é" + parts[2][6..]),
            "signature with a zero byte prepended" => Join(parts[0], parts[1], Base64Url.EncodeToString([0, .. Base64Url.DecodeFromChars(parts[2])])),
            "header re-serialized with spaces, same signature" => Join(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])).Replace(",", ", ", StringComparison.Ordinal))), parts[1], parts[2]),
            "DER-encoded signature" => Join(parts[0], parts[1], Base64Url.EncodeToString(((ECDsa)key!).SignData(Encoding.ASCII.GetBytes(SigningInput(token)), HashOf(key!), DSASignatureFormat.Rfc3279DerSequence))),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such re-encoding"),
        };
    }

    /// <summary>(r, s) → (r, n − s): the other valid ECDSA signature of the same input.</summary>
    public static string Twin(string token, AsymmetricAlgorithm key)
    {
        var ec = (ECDsa)key;
        var signature = Signature(token);
        var half = signature.Length / 2;
        var order = new BigInteger(ec.ExportExplicitParameters(false).Curve.Order, isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature.AsSpan(half), isUnsigned: true, isBigEndian: true);
        var twin = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[signature.Length];
        signature.AsSpan(0, half).CopyTo(bytes);
        twin.CopyTo(bytes, signature.Length - twin.Length);
        return $"{SigningInput(token)}.{Base64Url.EncodeToString(bytes)}";
    }

    public static HashAlgorithmName HashOf(AsymmetricAlgorithm key) => key.KeySize switch
    {
        384 => HashAlgorithmName.SHA384,
        521 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    public static string SigningInput(string token) => token[..token.LastIndexOf('.')];

    public static byte[] Signature(string token) => Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1));

    private static string Standard(string segment)
    {
        var standard = segment.Replace('-', '+').Replace('_', '/');
        Assert.NotEqual(segment, standard);
        return standard;
    }

    private static string FlipTrailingBit(string segment)
    {
        Assert.NotEqual(0, segment.Length % 4);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var flipped = segment[..^1] + Alphabet[Alphabet.IndexOf(segment[^1], StringComparison.Ordinal) ^ 1];

        // Same bytes, another string: what a lenient decoder accepts.
        Assert.Equal(Convert.ToHexString(Base64Url.DecodeFromChars(segment)), Convert.ToHexString(Decode(flipped)));
        return flipped;
    }

    private static byte[] Decode(string segment)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var bits = new List<byte>();
        int buffer = 0, count = 0;
        foreach (var c in segment)
        {
            buffer = (buffer << 6) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            count += 6;
            if (count >= 8)
            {
                count -= 8;
                bits.Add((byte)(buffer >> count));
                buffer &= (1 << count) - 1;
            }
        }

        return [.. bits];
    }
}
