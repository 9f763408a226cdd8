using IssuerSync.Core.Issuers;

namespace IssuerSync.Agent.Running;

/// <summary>What <c>issuersync agent run</c> does, and how often.</summary>
public sealed class AgentRunOptions
{
    public required IssuerUrl Issuer { get; init; }

    /// <summary>How often the keys are read; a push follows only when they changed (or at <see cref="Resync"/>).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An unchanged key set is pushed again this often, so a publisher that lost its state recovers.</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Run one cycle and return its outcome (a CronJob); a failure is the exit code.</summary>
    public bool Once { get; init; }

    /// <summary>A file touched after every healthy cycle, and while failures have lasted less than <see cref="FailureThreshold"/>.</summary>
    public string? LivenessFile { get; init; }

    /// <summary>How long failures may last before the liveness file is left to go stale.</summary>
    public TimeSpan FailureThreshold { get; init; } = TimeSpan.FromMinutes(15);
}
