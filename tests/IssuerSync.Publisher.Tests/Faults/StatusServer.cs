using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Publisher.Tests.Faults;

/// <summary>A loopback storage endpoint that answers every request with one status and a storage error code (throttling, denied access, a broken service).</summary>
internal sealed class StatusServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private StatusServer(LoopbackServer server) => _server = server;

    public Uri Address => _server.BaseUri;

    public int Requests => _server.Requests.Count;

    public static async Task<StatusServer> StartAsync(int status, string errorCode)
        => new(await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers["x-ms-error-code"] = errorCode;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{errorCode}</Code><Message>injected</Message></Error>");
        }, new LoopbackServerOptions { RecordBodies = false }));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
