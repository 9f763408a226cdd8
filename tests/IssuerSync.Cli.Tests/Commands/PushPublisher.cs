using System.Collections.Concurrent;
using System.Net;
using IssuerSync.Core.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>POST /api/PushKeys on a loopback Kestrel (plain http, which the push client allows to loopback): answers <see cref="Answer"/> with <see cref="Status"/>, and records each body and bearer token.</summary>
public sealed class PushPublisher : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? Bearer, byte[] Body)> _pushes = new();

    private PushPublisher(WebApplication app) => _app = app;

    public string BaseUri { get; private set; } = string.Empty;

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public PushResponse Answer { get; set; } = new() { Status = "accepted" };

    public IReadOnlyList<(string Path, string? Bearer, byte[] Body)> Pushes => _pushes.ToArray();

    public static async Task<PushPublisher> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var publisher = new PushPublisher(builder.Build());
        publisher._app.Run(publisher.HandleAsync);
        await publisher._app.StartAsync();
        var address = publisher._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        publisher.BaseUri = $"http://127.0.0.1:{new Uri(address).Port}";
        return publisher;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

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
