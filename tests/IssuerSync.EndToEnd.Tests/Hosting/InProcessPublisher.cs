using System.Net;
using IssuerSync.Publisher;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Web;
using IssuerSync.Publisher.Web.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.EndToEnd.Tests.Hosting;

/// <summary>
/// The publisher's HTTP endpoints (<c>MapPublisher</c>, the routes the custom handler and <c>serve</c> expose,
/// with the invocation endpoints) on Kestrel at 127.0.0.1, over a real <see cref="PublisherApp"/> whose clock is a
/// <see cref="FakeTimeProvider"/>, so a test can let a retention window pass. Push and operator routes demand their
/// own x-functions-key, as <c>serve</c> does.
/// </summary>
public sealed class InProcessPublisher : IAsyncDisposable
{
    public const string PushKey = "push-key-0123456789abcdef";
    public const string OperatorKey = "operator-key-0123456789abcdef";

    private readonly WebApplication _app;

    private InProcessPublisher(WebApplication app, FakeTimeProvider clock)
    {
        _app = app;
        Clock = clock;
    }

    /// <summary>The publisher's clock. It stands still unless moved: <see cref="CatchUp"/> before a push.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUri { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static async Task<InProcessPublisher> StartAsync(PublisherSettings settings)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var publisher = PublisherApp.Create(settings, new PublisherDependencies { Time = clock, LoggerFactory = loggers });
        app.MapPublisher(publisher, new PublisherEndpointOptions
        {
            MapInvocations = true,
            PushKey = new FunctionKeyCheck(PushKey),
            OperatorKey = new FunctionKeyCheck(OperatorKey),
        }, loggers);
        await app.StartAsync();
        var server = new InProcessPublisher(app, clock);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        server.Client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        return server;
    }

    /// <summary>Moves the publisher's clock up to the wall clock, which the cluster's tokens are minted by.</summary>
    public void CatchUp()
    {
        var now = DateTimeOffset.UtcNow;
        if (now > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(now);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
