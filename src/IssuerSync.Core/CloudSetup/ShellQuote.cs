namespace IssuerSync.Core.CloudSetup;

/// <summary>Quotes a word for a POSIX shell only when it needs it, so the common case stays readable.</summary>
public static class ShellQuote
{
    public static string Quote(string word)
        => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:=@%+,".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Double quotes a word whose <c>${NAME}</c> references the shell fills in; backslash, quote and backtick stay literal.</summary>
    public static string Expanding(string word)
        => "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("`", "\\`", StringComparison.Ordinal) + "\"";
}
