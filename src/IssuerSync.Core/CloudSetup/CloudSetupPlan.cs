namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// Everything to paste for one cloud: the variables the user must set first, warnings, the
/// cloud-side commands and files, then the namespace, the pod manifest and its alternatives.
/// </summary>
public sealed record CloudSetupPlan(string Cloud, IReadOnlyList<SetupStep> Steps)
{
    /// <summary>Variables that must be set before the script runs; it stops at once, naming the first one unset.</summary>
    public IReadOnlyList<ShellVariable> Requires { get; init; } = [];

    /// <summary>Problems the plan cannot fix, e.g. an issuer URL a cloud refuses; printed as comments and on stderr.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public SetupFile File(string name) => Steps.Select(s => s.File).Single(f => f?.Name == name)!;
}
