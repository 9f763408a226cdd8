namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// A shell variable the script needs: one it sets itself from a command's output, or one the user
/// must set before running it (the script stops at its first line when it is unset, naming <see cref="Hint"/>).
/// </summary>
public sealed record ShellVariable(string Name, string Hint)
{
    /// <summary>How files and commands refer to the variable.</summary>
    public string Reference => "${" + Name + "}";

    /// <summary>The script line that stops with the hint when the variable is unset or empty.</summary>
    public string Guard => $": \"${{{Name}:?{Hint}}}\"";
}
