using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IssuerSync.Functions.Tests.Handler;
using IssuerSync.Testing.Handler;
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

    /// <summary>The function app's handler (HandlerProcess) or <c>issuersync serve</c>, each as its own process.</summary>
    private sealed class PublisherHost : IAsyncDisposable
    {
        private readonly HandlerProcess? _handler;
        private readonly Process? _serve;
        private readonly System.Text.StringBuilder _serveOutput = new();
        private readonly HttpClient _client;

        private PublisherHost(HandlerProcess? handler, Process? serve, HttpClient client)
        {
            _handler = handler;
            _serve = serve;
            _client = client;
        }

        public string Output
        {
            get
            {
                if (_handler is not null)
                {
                    return _handler.Output;
                }

                lock (_serveOutput)
                {
                    return _serveOutput.ToString();
                }
            }
        }

        public static async Task<PublisherHost> StartAsync(string host, PublisherWorld world, IReadOnlyDictionary<string, string> environment)
        {
            if (host == "handler")
            {
                var handler = await HandlerProcess.StartAsync(new Dictionary<string, string>(world.Settings().Concat(environment)));
                return new PublisherHost(handler, null, handler.Client);
            }

            world.Folder.Write("operator.key", "operator-0123456789abcdef\n");
            var config = world.Folder.Write("publisher.json", new JsonObject
            {
                ["IssuerSync"] = new JsonObject
                {
                    ["StateStore"] = "dir:" + world.StateFolder,
                    ["OperatorKeyFile"] = "operator.key",
                    ["Issuers"] = new JsonArray(new JsonObject { ["Id"] = "prod", ["Issuer"] = PublisherWorld.ProdIssuer, ["Target"] = "dir:" + world.Documents("prod"), ["AgentSubject"] = PublisherWorld.Agent }),
                },
            }.ToJsonString());
            var port = HandlerProcess.FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "issuersync.dll"), "serve", "--config", config, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var serve = Process.Start(start)!;
            var started = new PublisherHost(null, serve, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) });
            serve.OutputDataReceived += (_, e) => started.Append(e.Data);
            serve.ErrorDataReceived += (_, e) => started.Append(e.Data);
            serve.BeginOutputReadLine();
            serve.BeginErrorReadLine();
            if (!await ListeningWait.UntilListeningAsync(serve, port, TimeSpan.FromSeconds(60), () => ": " + started.Output))
            {
                await started.DisposeAsync();
                throw new InvalidOperationException("serve did not listen within 60 s: " + started.Output);
            }

            return started;
        }

        public async Task<(HttpStatusCode Status, JsonNode Json)> PushWithoutTokenAsync()
        {
            using var response = await _client.PostAsync("api/PushKeys", new ByteArrayContent(PublisherWorld.Body(PublisherWorld.ProdIssuer, Testing.TestKeys.Rsa())));
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        public async ValueTask DisposeAsync()
        {
            if (_handler is not null)
            {
                await _handler.DisposeAsync();
                return;
            }

            _client.Dispose();
            if (!_serve!.HasExited)
            {
                _serve.Kill(entireProcessTree: true);
                await _serve.WaitForExitAsync();
            }

            _serve.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_serveOutput)
                {
                    _serveOutput.AppendLine(line);
                }
            }
        }
    }
}
