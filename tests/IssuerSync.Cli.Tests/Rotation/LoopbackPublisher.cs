using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using IssuerSync.Publisher;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Web;
using IssuerSync.Publisher.Web.Keys;
using IssuerSync.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Cli.Tests.Rotation;

/// <summary>
/// The real publisher (<see cref="PublisherApp"/> and the routes <c>serve</c> maps) on a plain http <see cref="LoopbackServer"/>,
/// for one issuer with a dir: state store and a dir: target. A test writes the issuer's state document as a
/// rotation left it (<see cref="WriteState"/>), asks the publisher to publish it, and serves the written documents at
/// the issuer URL through an https <see cref="Verify.TestIssuerServer"/>, as a static website would.
/// </summary>
internal sealed class LoopbackPublisher : IAsyncDisposable
{
    public const string IssuerId = "cluster1";
    public const string OperatorKey = "operator-key-0123456789abcdef";
    public const string CacheControl = "public, max-age=300";

    private readonly LoopbackServer _server;

    private LoopbackPublisher(LoopbackServer server, string stateFolder, string targetFolder, string issuer)
    {
        _server = server;
        StateFolder = stateFolder;
        TargetFolder = targetFolder;
        Issuer = issuer;
    }

    public string Url => _server.BaseUrl;

    public string Issuer { get; }

    public string StateFolder { get; }

    public string TargetFolder { get; }

    public static async Task<LoopbackPublisher> StartAsync(string folder, string issuer)
    {
        var state = Path.Combine(folder, "state");
        var target = Path.Combine(folder, "target");
        var settings = new PublisherSettings
        {
            StateStore = "dir:" + state,
            Issuers =
            [
                new IssuerSettings
                {
                    Registration = new IssuerRegistration
                    {
                        Id = IssuerId,
                        Issuer = issuer,
                        Target = "dir:" + target,
                        AgentSubject = "system:serviceaccount:issuersync:issuersync-agent",
                        CacheControl = CacheControl,
                    },
                },
            ],
        };
        var server = await LoopbackServer.StartAsync(app =>
        {
            var loggers = app.Services.GetRequiredService<ILoggerFactory>();
            app.MapPublisher(PublisherApp.Create(settings, new PublisherDependencies { LoggerFactory = loggers }), new PublisherEndpointOptions
            {
                OperatorKey = new FunctionKeyCheck(OperatorKey),
            }, loggers);
        }, new LoopbackServerOptions { RecordBodies = false });
        return new LoopbackPublisher(server, state, target, issuer);
    }

    /// <summary>Stores the issuer's state document as the publisher would have written it.</summary>
    public void WriteState(IssuerState state)
    {
        Directory.CreateDirectory(StateFolder);
        File.WriteAllBytes(Path.Combine(StateFolder, IssuerId + ".json"), IssuerStateJson.Write(state));
    }

    /// <summary>PublishNow through the operator route, then the written documents served at <paramref name="web"/> under /cluster1.</summary>
    public async Task PublishToAsync(Verify.TestIssuerServer web)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/api/issuers/{IssuerId}/publish");
        request.Headers.Add("x-functions-key", OperatorKey);
        using var answer = await client.SendAsync(request);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        foreach (var document in new[] { ".well-known/openid-configuration", "openid/v1/jwks" })
        {
            web.Serve($"/{IssuerId}/{document}", 200, await File.ReadAllTextAsync(Path.Combine(TargetFolder, document)), headers: new Dictionary<string, string> { ["Cache-Control"] = CacheControl });
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
