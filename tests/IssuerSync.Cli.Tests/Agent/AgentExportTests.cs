using IssuerSync.Testing.Agent;
using IssuerSync.Testing.Telemetry;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary><c>issuersync agent run --once</c> as a process, with the OpenTelemetry environment pointing at a loopback OTLP/HTTP receiver.</summary>
public sealed class AgentExportTests : AgentWorldTests
{
    [Fact]
    public async Task AgentRunOnce_ExportsItsCycleSpanAndMetricsBeforeExiting_WhenOtelExporterOtlpEndpointIsSet()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };

        var (code, _, stderr) = await CliProcess.RunAsync(environment, AgentWorld.AgentRun(World.KeyFileArgs(null, "--once")));

        Assert.True(code == 0, stderr);
        Assert.Single(Publisher.Pushes);
        // Nothing waits here: an --once run flushes its telemetry before it exits.
        Assert.True(await receiver.WaitForAsync("/v1/traces", "issuersync.agent.cycle", TimeSpan.Zero), "no cycle span reached /v1/traces");
        Assert.True(await receiver.WaitForAsync("/v1/traces", "issuersync-agent", TimeSpan.Zero), "the exported resource does not name the service issuersync-agent");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", "issuersync.agent.cycles", TimeSpan.Zero), "no cycle count reached /v1/metrics");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", "issuersync.agent.push.duration", TimeSpan.Zero), "no push duration reached /v1/metrics");
    }
}
