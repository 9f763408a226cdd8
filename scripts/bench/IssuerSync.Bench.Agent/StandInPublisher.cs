using System.Net;
using System.Text.Json;
using IssuerSync.Core.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Bench.Agent;

/// <summary>A loopback publisher that accepts every push to /api/PushKeys (200, the kids it was sent) and counts them.</summary>
public sealed class StandInPublisher : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _pushes;

    private StandInPublisher(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public int Pushes => Volatile.Read(ref _pushes);

    public static async Task<StandInPublisher> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var publisher = new StandInPublisher(app);
        app.MapPost("/api/PushKeys", publisher.AcceptAsync);
        await app.StartAsync();
        publisher.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return publisher;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = PushRequest.FromJson(body.ToArray());
        var kids = request.Jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
        Interlocked.Increment(ref _pushes);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(new PushResponse { Status = "accepted", Changed = true, Published = kids }.ToJson());
    }
}
