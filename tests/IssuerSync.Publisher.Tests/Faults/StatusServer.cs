using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Tests.Faults;

/// <summary>A loopback storage endpoint that answers every request with one status and a storage error code (throttling, denied access, a broken service).</summary>
internal sealed class StatusServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StatusServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public int Requests;

    public static async Task<StatusServer> StartAsync(int status, string errorCode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        StatusServer? server = null;
        app.Run(async context =>
        {
            Interlocked.Increment(ref server!.Requests);
            context.Response.StatusCode = status;
            context.Response.Headers["x-ms-error-code"] = errorCode;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{errorCode}</Code><Message>injected</Message></Error>");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new StatusServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
