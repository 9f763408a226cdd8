using System.Net;
using IssuerSync.Functions.Tests.Handler;
using IssuerSync.Testing.Telemetry;

namespace IssuerSync.Functions.Tests.Telemetry;

/// <summary>
/// Both publisher hosts, started as processes with the standard OpenTelemetry environment pointing at a loopback
/// OTLP/HTTP receiver: what a collector would receive after one push.
/// </summary>
public sealed class OtlpExportTests : IDisposable
{
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(30);
    private readonly PublisherWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData("handler")]
    [InlineData("serve")]
    public async Task Host_ExportsThePushSpanAndMetricsOverOtlpHttp_WhenOtelExporterOtlpEndpointIsSet(string host)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var publisher = await PublisherHost.StartAsync(host, _world, Otel(receiver.Endpoint));

        var (status, json) = await publisher.PushWithoutTokenAsync();

        Assert.Equal((HttpStatusCode.Unauthorized, "token_missing"), (status, (string?)json["error"]));
        Assert.True(await receiver.WaitForAsync("/v1/traces", "issuersync.push", ExportWait), $"no span issuersync.push reached /v1/traces: {Seen(receiver)}{publisher.Output}");
        Assert.True(await receiver.WaitForAsync("/v1/traces", "token_missing", ExportWait), "the exported span carries no refusal code");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", "issuersync.publisher.pushes", ExportWait), $"no metric issuersync.publisher.pushes reached /v1/metrics: {Seen(receiver)}");
        Assert.True(await receiver.WaitForAsync("/v1/traces", "issuersync-publisher", ExportWait), "the exported resource does not name the service issuersync-publisher");
        Assert.All(receiver.Requests, r => Assert.Equal(("POST", "application/x-protobuf"), (r.Method, r.ContentType)));
    }

    [Fact]
    public async Task Handler_SendsNothing_WhenOtelSdkDisabledIsTrue()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var publisher = await PublisherHost.StartAsync("handler", _world, new Dictionary<string, string>(Otel(receiver.Endpoint)) { ["OTEL_SDK_DISABLED"] = "true" });

        var (status, _) = await publisher.PushWithoutTokenAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // four export intervals

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(receiver.Requests);
    }

    private static Dictionary<string, string> Otel(string endpoint) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    private static string Seen(OtlpReceiver receiver) => "received: " + string.Join(", ", receiver.Requests.Select(r => $"{r.Method} {r.Path} ({r.Body.Length} bytes)")) + "\n";
}
