using IssuerSync.Core;

namespace IssuerSync.Cli.Operators;

/// <summary>An approval fingerprint: the lowercase hex SHA-256 of a key's DER SubjectPublicKeyInfo (docs/trust-and-rotation.md).</summary>
internal static class Fingerprint
{
    public const int HexDigits = 64;

    /// <summary>64 hex digits, ':' separators and upper case allowed; returned lowercase without separators.</summary>
    public static string Normalize(string value)
    {
        var hex = value.Replace(":", string.Empty, StringComparison.Ordinal);
        var bad = hex.FirstOrDefault(c => !char.IsAsciiHexDigit(c));
        var problem = bad != default
            ? $"'{bad}' (U+{(int)bad:X4}) is not a hex digit"
            : hex.Length != HexDigits ? $"{hex.Length} hex digits, a SHA-256 has {HexDigits}" : null;
        return problem is null
            ? hex.ToLowerInvariant()
            : throw new IssuerSyncException(
                $"--fingerprint '{value}': {problem}. Hint: copy the fingerprint `issuersync status` lists for the pending key, " +
                "after comparing it with the cluster's key: openssl pkey -pubin -in sa.pub -outform DER | sha256sum");
    }
}
