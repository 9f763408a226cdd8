namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>How many generated inputs each fuzz property runs in CI. A failure prints FsCheck's seed: replay it with [Property(Replay = "...")].</summary>
internal static class FuzzRuns
{
    public const int Inputs = 10_000;
}
