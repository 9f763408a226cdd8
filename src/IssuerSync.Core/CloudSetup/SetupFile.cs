namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// A file the setup writes (a trust policy, a pod manifest), with its exact content. Content may
/// reference the shell variables named in <see cref="Variables"/> as <c>${NAME}</c>: the script
/// fills them in when it writes the file; every other character is written as is.
/// </summary>
public sealed record SetupFile(string Name, string Content)
{
    public IReadOnlyList<string> Variables { get; init; } = [];
}
