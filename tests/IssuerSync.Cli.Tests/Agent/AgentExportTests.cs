using IssuerSync.Testing;
using IssuerSync.Testing.Push;
using IssuerSync.Testing.Telemetry;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary><c>issuersync agent run --once</c> as a process, with the OpenTelemetry environment pointing at a loopback OTLP/HTTP receiver.</summary>
public sealed class AgentExportTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private FakePushEndpoint _publisher = null!;

    public async Task InitializeAsync() => _publisher = await FakePushEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        await _publisher.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task AgentRunOnce_ExportsItsCycleSpanAndMetricsBeforeExiting_WhenOtelExporterOtlpEndpointIsSet()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };

        var (code, _, stderr) = await CliProcess.RunAsync(
            environment,
            "agent", "run", "--once", "--publisher", _publisher.BaseUri.ToString(), "--issuer", "https://oidc.example.com/cluster1",
            "--key-file", _dir.Write("sa.pub", TestKeys.PublicPem(TestKeys.Rsa())), "--token-file", _dir.Write("token", "t"));

        Assert.True(code == 0, stderr);
        Assert.Single(_publisher.Pushes);
        // Nothing waits here: an --once run flushes its telemetry before it exits.
        Assert.True(await receiver.WaitForAsync("/v1/traces", "issuersync.agent.cycle", TimeSpan.Zero), "no cycle span reached /v1/traces");
        Assert.True(await receiver.WaitForAsync("/v1/traces", "issuersync-agent", TimeSpan.Zero), "the exported resource does not name the service issuersync-agent");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", "issuersync.agent.cycles", TimeSpan.Zero), "no cycle count reached /v1/metrics");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", "issuersync.agent.push.duration", TimeSpan.Zero), "no push duration reached /v1/metrics");
    }
}
