using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IssuerSync.Agent.Telemetry;

/// <summary>
/// Exports the agent's metrics and spans (and HttpClient's spans) over OTLP when the standard OpenTelemetry
/// environment asks for it: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> /
/// <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>), with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c> … read by the SDK. Disposing flushes what is buffered (an <c>--once</c> run's last cycle).
/// A host calls it once: <c>using var telemetry = AgentTelemetryExport.FromEnvironment();</c>
/// </summary>
public sealed class AgentTelemetryExport : IDisposable
{
    public const string DefaultServiceName = "issuersync-agent";

    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private AgentTelemetryExport(TracerProvider traces, MeterProvider metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>Starts exporting when the environment names an OTLP endpoint (and <c>OTEL_SDK_DISABLED</c> is not true); null otherwise, at no cost.</summary>
    public static AgentTelemetryExport? FromEnvironment() => Start(Environment.GetEnvironmentVariable);

    /// <param name="setting">Looks up an OTEL_* setting; the exporter itself reads the process environment.</param>
    public static AgentTelemetryExport? Start(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (!IsConfigured(setting))
        {
            return null;
        }

        var named = !string.IsNullOrWhiteSpace(setting("OTEL_SERVICE_NAME"));
        var resource = ResourceBuilder.CreateDefault();
        if (!named)
        {
            resource.AddService(DefaultServiceName, serviceVersion: AgentInfo.Version);
        }

        var traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(AgentTelemetry.Name, "System.Net.Http")
            .AddOtlpExporter()
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(AgentTelemetry.Name, "System.Net.Http")
            .AddOtlpExporter()
            .Build();
        return new AgentTelemetryExport(traces, metrics);
    }

    public static bool IsConfigured(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return !string.Equals(setting("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)
            && (!string.IsNullOrWhiteSpace(setting("OTEL_EXPORTER_OTLP_ENDPOINT"))
                || !string.IsNullOrWhiteSpace(setting("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                || !string.IsNullOrWhiteSpace(setting("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")));
    }

    public void Dispose()
    {
        _traces.Dispose();
        _metrics.Dispose();
    }
}
