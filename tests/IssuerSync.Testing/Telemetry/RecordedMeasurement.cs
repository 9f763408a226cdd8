namespace IssuerSync.Testing.Telemetry;

/// <summary>One measurement a <see cref="TelemetryRecorder"/> heard: the instrument, its unit, the value and the tags.</summary>
public sealed record RecordedMeasurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}
