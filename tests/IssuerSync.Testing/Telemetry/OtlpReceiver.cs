using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Testing.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP receiver (a <see cref="LoopbackServer"/>): records every export request (path, content type, body)
/// and answers 200 with an empty message, the success answer of OTLP/HTTP for every signal.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private OtlpReceiver(LoopbackServer server) => _server = server;

    /// <summary>http://127.0.0.1:PORT, no trailing slash.</summary>
    public string Endpoint => _server.BaseUrl;

    public IReadOnlyList<LoopbackRequest> Requests => _server.Requests;

    public static async Task<OtlpReceiver> StartAsync()
        => new(await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
            return Task.CompletedTask;
        }).ConfigureAwait(false));

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

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
