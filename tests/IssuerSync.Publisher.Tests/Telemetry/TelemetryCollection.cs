namespace IssuerSync.Publisher.Tests.Telemetry;

/// <summary>The publisher's instruments are process-wide: tests that count their measurements run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Publisher telemetry";
}
