using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Hosting;

/// <summary>What <c>agent run</c> was told: the option values as typed, checked when the run starts.</summary>
public sealed class AgentRunSettings : IPushSettings
{
    public required string Publisher { get; init; }

    public required string Issuer { get; init; }

    public string Audience { get; init; } = PushProtocol.DefaultAudience;

    public TimeSpan Interval { get; init; } = AgentRunCommandLine.DefaultInterval;

    public TimeSpan Resync { get; init; } = AgentRunCommandLine.DefaultResync;

    public bool Once { get; init; }

    public IReadOnlyList<string> KeyFiles { get; init; } = [];

    public string? TokenFile { get; init; }

    public TimeSpan TokenExpiration { get; init; } = AgentRunCommandLine.DefaultTokenExpiration;

    public ClusterAccess Cluster { get; init; } = new();

    public string? LivenessFile { get; init; }

    public TimeSpan FailureThreshold { get; init; } = AgentRunCommandLine.DefaultFailureThreshold;

    public string? FunctionKeyFile { get; init; }

    public string? CaCert { get; init; }

    public int MaxAttempts { get; init; } = 5;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Random Random { get; init; } = Random.Shared;
}
