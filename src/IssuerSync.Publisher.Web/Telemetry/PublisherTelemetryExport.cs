using IssuerSync.Publisher.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IssuerSync.Publisher.Web.Telemetry;

/// <summary>
/// Exports the publisher's metrics and spans (and ASP.NET Core's) over OTLP, only when the standard
/// OpenTelemetry settings ask for it: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own
/// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> / <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>), with
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_METRIC_EXPORT_INTERVAL</c> … read by the SDK.
/// Without an endpoint (or with <c>OTEL_SDK_DISABLED=true</c>) no SDK is registered: nothing listens, nothing is sent.
/// Used by both hosts: the function app's custom handler and <c>issuersync serve</c>.
/// </summary>
public static class PublisherTelemetryExport
{
    public const string DefaultServiceName = "issuersync-publisher";

    /// <summary>True when the configuration (environment variables included) names an OTLP endpoint and does not disable the SDK.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
    }

    /// <summary>Registers the OpenTelemetry SDK with the OTLP exporter when <see cref="IsConfigured"/>; otherwise does nothing.</summary>
    public static WebApplicationBuilder AddPublisherTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsConfigured(builder.Configuration))
        {
            return builder;
        }

        var named = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (!named)
                {
                    resource.AddService(DefaultServiceName, serviceVersion: typeof(PublisherTelemetryExport).Assembly.GetName().Version?.ToString(3));
                }
            })
            .WithTracing(tracing => tracing.AddSource(PublisherTelemetry.Name).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(PublisherTelemetry.Name).AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
        return builder;
    }
}
