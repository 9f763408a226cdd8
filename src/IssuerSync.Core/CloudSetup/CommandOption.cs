namespace IssuerSync.Core.CloudSetup;

/// <summary>One option of a setup command: <c>--name value</c>, or <c>--name=value</c> when <see cref="Joined"/> (gcloud style).</summary>
public sealed record CommandOption(string Name, string? Value = null, bool Joined = false)
{
    /// <summary>The value refers to script variables (<c>${NAME}</c>): printed in double quotes so the shell fills them in.</summary>
    public bool Expand { get; init; }
}
