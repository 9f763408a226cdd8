using IssuerSync.Core.Documents;

namespace IssuerSync.Cli.Commands;

/// <summary>How <c>publish</c> words a kid diff: one line on stdout, and a warning on stderr for each served kid it removes.</summary>
internal static class KidDiffWording
{
    public static string Line(KidDiff kids)
    {
        var parts = kids.Added.Select(k => $"+{k} (added)")
            .Concat(kids.Kept.Select(k => $"={k} (kept)"))
            .Concat(kids.Removed.Select(k => $"-{k} (removed)"));
        var line = $"kids: {string.Join(", ", parts)}";
        return kids.ServedUnreadable ? $"{line}; the served JWKS is not a readable JWKS, so the kids it replaces are unknown" : line;
    }

    /// <param name="cacheControl">The Cache-Control the JWKS is served with, or null where the web server in front of the target sets it.</param>
    public static IEnumerable<string> Warnings(KidDiff kids, string jwksLocation, string? cacheControl, bool dryRun)
        => kids.Removed.Select(kid =>
            $"issuersync: warning: kid {kid} is still published at {jwksLocation} and this publish {(dryRun ? "would remove" : "removes")} it: " +
            "tokens it signed stop verifying as soon as a cloud refetches the JWKS " +
            $"({(cacheControl is null ? "within the max-age your web server sends" : $"Cache-Control: {cacheControl}")}). " +
            "Hint: rotate in steps: publish the new key next to the old one, switch the signing key, " +
            "and remove the old key only after the longest token lifetime has passed (docs/rotation.md)");
}
