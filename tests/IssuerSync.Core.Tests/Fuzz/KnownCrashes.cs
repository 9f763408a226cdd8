namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Crashes these properties found in src that are reported (issue 11) but not fixed on this branch,
/// which may not change src. Each is tolerated only as exactly this exception type passing through
/// exactly this method; every other exception still fails the property. Remove an entry with its
/// fix: the property then holds the fix to it for every generated input.
/// </summary>
internal static class KnownCrashes
{
    // Empty: the four crashes found (invalid UTF-8 in a JWKS string and in a push body, a lone surrogate escape in a
    // pushed JWKS, exp in year 9999) are fixed, and the properties now hold every generated input to that.
    private static readonly (Type Type, string Frame, string What)[] Entries = [];

    /// <summary>What the known crash is, or null when <paramref name="e"/> is not a known one.</summary>
    public static string? Match(Exception e)
    {
        var trace = e.StackTrace ?? string.Empty;
        return Entries.FirstOrDefault(k => e.GetType() == k.Type && trace.Contains(k.Frame, StringComparison.Ordinal)).What;
    }
}
