using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Testing.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP receiver (Kestrel): records every export request (path, content type, body) and answers
/// 200 with an empty message, the success answer of OTLP/HTTP for every signal.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public ConcurrentQueue<(string Method, string Path, string? ContentType, byte[] Body)> Requests { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!.Requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        receiver = new OtlpReceiver(app, address.Port);
        return receiver;
    }

    /// <summary>Waits until an export to <paramref name="path"/> carries <paramref name="text"/> (protobuf keeps strings as UTF-8 bytes).</summary>
    public async Task<bool> WaitForAsync(string path, string text, TimeSpan timeout)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Requests.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(needle) >= 0))
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
