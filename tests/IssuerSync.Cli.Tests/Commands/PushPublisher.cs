using System.Collections.Concurrent;
using System.Net;
using IssuerSync.Core.Push;
using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>POST /api/PushKeys on a <see cref="LoopbackServer"/> (plain http, which the push client allows to loopback): answers <see cref="Answer"/> with <see cref="Status"/>, and records each body and bearer token.</summary>
public sealed class PushPublisher : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string? Bearer, byte[] Body)> _pushes = new();
    private LoopbackServer _server = null!;

    private PushPublisher()
    {
    }

    /// <summary>http://127.0.0.1:PORT, no trailing slash.</summary>
    public string BaseUri => _server.BaseUrl;

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public PushResponse Answer { get; set; } = new() { Status = "accepted" };

    public IReadOnlyList<(string Path, string? Bearer, byte[] Body)> Pushes => _pushes.ToArray();

    public static async Task<PushPublisher> StartAsync()
    {
        var publisher = new PushPublisher();
        publisher._server = await LoopbackServer.StartAsync(publisher.HandleAsync, new LoopbackServerOptions { RecordBodies = false });
        return publisher;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var authorization = context.Request.Headers.Authorization.ToString();
        _pushes.Enqueue((context.Request.Path, authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null, body.ToArray()));
        context.Response.StatusCode = (int)Status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Answer.ToJson());
    }
}
