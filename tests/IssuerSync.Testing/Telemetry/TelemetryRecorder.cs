using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IssuerSync.Testing.Telemetry;

/// <summary>
/// Listens to one component's <see cref="Meter"/> and <see cref="ActivitySource"/> (both named <c>name</c>) the way the
/// OpenTelemetry SDK does, through <see cref="MeterListener"/> and <see cref="ActivityListener"/>, and keeps what it hears.
/// The instruments are process-wide: tests that count measurements run in a collection without parallelism.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TelemetryRecorder(string name)
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public IReadOnlyList<RecordedMeasurement> Measurements => [.. _measurements];

    /// <summary>The spans ended so far, in the order they ended (children before their parent).</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped];

    public IReadOnlyList<RecordedMeasurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToArray();

    /// <summary>Asks every observable instrument (gauge) for its values now, as a metrics scrape does.</summary>
    public void Scrape() => _meters.RecordObservableInstruments();

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, instrument.Unit, value, copy));
    }
}
