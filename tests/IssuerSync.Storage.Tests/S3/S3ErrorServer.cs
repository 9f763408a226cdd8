using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>
/// A loopback HTTP server that answers every request as S3 answers a failed one: a status, S3's headers and its
/// XML error document (&lt;Error&gt;&lt;Code&gt;…), so the SDK raises what it raises against AWS.
/// </summary>
internal sealed class S3ErrorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private S3ErrorServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Endpoint { get; private set; } = null!;

    public int Requests;

    public static async Task<S3ErrorServer> StartAsync(HttpStatusCode status, string code, string message, IReadOnlyDictionary<string, string> headers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new S3ErrorServer(app);
        var bytes = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>imitation</HostId></Error>");
        app.Run(async context =>
        {
            Interlocked.Increment(ref server.Requests);
            context.Response.StatusCode = (int)status;
            context.Response.Headers["x-amz-request-id"] = "4442587FB7D0A2F9";
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            context.Response.ContentType = "application/xml";
            await context.Response.Body.WriteAsync(bytes);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
