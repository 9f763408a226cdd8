namespace IssuerSync.Core.CloudSetup;

/// <summary>Everything to paste for one cloud: the cloud-side commands and files, then the pod manifest.</summary>
public sealed record CloudSetupPlan(string Cloud, IReadOnlyList<SetupStep> Steps)
{
    public SetupFile File(string name) => Steps.Select(s => s.File).Single(f => f?.Name == name)!;
}
