namespace IssuerSync.Agent.Tests.Telemetry;

/// <summary>The agent's instruments are process-wide: tests that count their measurements run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AgentTelemetryCollection
{
    public const string Name = "Agent telemetry";
}
