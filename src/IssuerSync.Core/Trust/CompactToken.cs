namespace IssuerSync.Core.Trust;

/// <summary>
/// The canonical form of a compact JWS (RFC 7515 §7.1): exactly three segments of unpadded
/// base64url, header and payload non-empty, (RFC 7515 §2, RFC 4648 §5) whose unused trailing bits are zero, no other
/// character. One signed token then has one string form, so nothing but the signature can vary,
/// and the replay binding is keyed on <c>header.payload</c> (what was signed), so a re-encoded or
/// re-signed twin of a used token (an ECDSA (r, n − s) signature) finds the same binding.
/// </summary>
internal static class CompactToken
{
    /// <summary>Null when <paramref name="token"/> is canonical, else why not (never the token itself).</summary>
    public static string? Problem(string token)
    {
        var segments = token.Split('.');
        if (segments.Length == 5)
        {
            return "it is an encrypted JWT (JWE), not a signed one";
        }

        if (segments.Length != 3)
        {
            return $"it has {segments.Length} segments, not the 3 of a compact JWS (header.payload.signature)";
        }

        // An empty signature (an unsecured JWS, alg "none") is left to the algorithm and signature
        // checks, which never accept it: it cannot be a re-encoding of a signed token.
        string[] names = ["header", "payload", "signature"];
        for (var i = 0; i < (segments[2].Length == 0 ? 2 : 3); i++)
        {
            if (SegmentProblem(segments[i]) is { } problem)
            {
                return $"its {names[i]} segment {problem}";
            }
        }

        return null;
    }

    /// <summary>The signing input (header.payload) of a canonical token.</summary>
    public static string SigningInput(string token) => token[..token.LastIndexOf('.')];

    private static string? SegmentProblem(string segment)
    {
        if (segment.Length == 0)
        {
            return "is empty";
        }

        foreach (var c in segment)
        {
            if (Value(c) < 0)
            {
                return c switch
                {
                    '=' => "is padded with '=' (base64url in a JWT has no padding)",
                    '+' or '/' => $"holds '{c}' (standard base64, not base64url)",
                    _ when char.IsWhiteSpace(c) => "holds whitespace",
                    _ => $"holds the character U+{(int)c:X4}, which is not base64url",
                };
            }
        }

        var last = Value(segment[^1]);
        return (segment.Length % 4) switch
        {
            1 => "has a length that no base64url encoding has (truncated)",
            2 when (last & 0x0F) != 0 => "has non-zero trailing bits (not the canonical encoding)",
            3 when (last & 0x03) != 0 => "has non-zero trailing bits (not the canonical encoding)",
            _ => null,
        };
    }

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
