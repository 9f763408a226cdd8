using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IssuerSync.Functions.Tests.Handler;
using IssuerSync.Testing.Handler;

namespace IssuerSync.Functions.Tests.Telemetry;

/// <summary>The function app's handler (HandlerProcess) or <c>issuersync serve</c>, each as its own process.</summary>
internal sealed class PublisherHost : IAsyncDisposable
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
