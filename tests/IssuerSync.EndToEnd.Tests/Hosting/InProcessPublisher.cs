using IssuerSync.Publisher;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Web;
using IssuerSync.Publisher.Web.Keys;
using IssuerSync.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.EndToEnd.Tests.Hosting;

/// <summary>
/// The publisher's HTTP endpoints (<c>MapPublisher</c>, the routes the custom handler and <c>serve</c> expose,
/// with the invocation endpoints) on a <see cref="LoopbackServer"/>, over a real <see cref="PublisherApp"/> whose clock is a
/// <see cref="FakeTimeProvider"/>, so a test can let a retention window pass. Push and operator routes demand their
/// own x-functions-key, as <c>serve</c> does.
/// </summary>
public sealed class InProcessPublisher : IAsyncDisposable
{
    public const string PushKey = "push-key-0123456789abcdef";
    public const string OperatorKey = "operator-key-0123456789abcdef";

    private readonly LoopbackServer _server;

    private InProcessPublisher(LoopbackServer server, FakeTimeProvider clock)
    {
        _server = server;
        Clock = clock;
        Client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The publisher's clock. It stands still unless moved: <see cref="CatchUp"/> before a push.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUri => _server.BaseUri;

    public HttpClient Client { get; }

    public static async Task<InProcessPublisher> StartAsync(PublisherSettings settings)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The publisher reads its own bodies (and enforces its limits): the server records none.
        var server = await LoopbackServer.StartAsync(
            app =>
            {
                var loggers = app.Services.GetRequiredService<ILoggerFactory>();
                var publisher = PublisherApp.Create(settings, new PublisherDependencies { Time = clock, LoggerFactory = loggers });
                app.MapPublisher(publisher, new PublisherEndpointOptions
                {
                    MapInvocations = true,
                    PushKey = new FunctionKeyCheck(PushKey),
                    OperatorKey = new FunctionKeyCheck(OperatorKey),
                }, loggers);
            },
            new LoopbackServerOptions { RecordBodies = false });
        return new InProcessPublisher(server, clock);
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
        Client.Dispose();
        await _server.DisposeAsync();
    }
}
