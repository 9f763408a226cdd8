namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Crashes these properties found in src that are reported (issue 11) but not fixed on this branch,
/// which may not change src. Each is tolerated only as exactly this exception type passing through
/// exactly this method; every other exception still fails the property. Remove an entry with its
/// fix: the property then holds the fix to it for every generated input.
/// </summary>
internal static class KnownCrashes
{
    private static readonly (Type Type, string Frame, string What)[] Entries =
    [
        (typeof(InvalidOperationException), "IssuerSync.Core.Documents.JwksParser.Parse(", "a JWKS string with invalid UTF-8 (e.g. byte 0xC1 inside \"x\"): JsonElement.GetString throws"),
        (typeof(InvalidOperationException), "IssuerSync.Core.Trust.PushReader.Read(", "a push body string with invalid UTF-8 (e.g. byte 0xED inside \"version\"): JsonElement.GetString throws out of PushReader.Read"),
        (typeof(ArgumentOutOfRangeException), "IssuerSync.Core.Trust.TokenClaimRules.Check(", "issue 11 item 5: a verified token with exp = 253402300799 (year 9999): exp + clock skew is past DateTimeOffset.MaxValue"),
        (typeof(System.Text.Json.JsonException), "IssuerSync.Core.Trust.PushJwksCheck.Check(", "a pushed JWKS with a lone surrogate escape (\"x\":\"\\ud800\") in a string: JsonSerializer.SerializeToUtf8Bytes(jwks) throws out of PushReader.Read"),
    ];

    /// <summary>What the known crash is, or null when <paramref name="e"/> is not a known one.</summary>
    public static string? Match(Exception e)
    {
        var trace = e.StackTrace ?? string.Empty;
        return Entries.FirstOrDefault(k => e.GetType() == k.Type && trace.Contains(k.Frame, StringComparison.Ordinal)).What;
    }
}
