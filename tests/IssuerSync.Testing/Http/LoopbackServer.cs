using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Testing.Http;

/// <summary>
/// A real Kestrel on 127.0.0.1 (a free port, http or https) that records every request (method, path, query,
/// headers, body bytes) before the test's handler sees it, and stops on dispose. The fakes of the tests are built on it.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private WebApplication _app = null!;

    private LoopbackServer()
    {
    }

    /// <summary>http(s)://127.0.0.1:PORT/ (https when a certificate is given).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary><see cref="BaseUri"/> with no trailing slash.</summary>
    public string BaseUrl => BaseUri.ToString().TrimEnd('/');

    /// <summary>The plain http address when <see cref="LoopbackServerOptions.AlsoPlainHttp"/> is set.</summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();

    /// <summary>Answers every request with <paramref name="handler"/>.</summary>
    public static Task<LoopbackServer> StartAsync(RequestDelegate handler, LoopbackServerOptions? options = null)
        => StartAsync(app => app.Run(handler), options);

    /// <summary>Lets <paramref name="configure"/> add middleware and routes (after the recorder) before the server starts.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> configure, LoopbackServerOptions? options = null)
    {
        options ??= new LoopbackServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (options.Certificate is { } certificate)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        https.ServerCertificateChain = options.Chain;
                    });
                }
            });
            if (options.Certificate is not null && options.AlsoPlainHttp)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        var server = new LoopbackServer { _app = builder.Build() };
        server._app.Use((context, next) => server.RecordAsync(context, next, options.RecordBodies));
        configure(server._app);
        await server._app.StartAsync().ConfigureAwait(false);
        var addresses = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToArray();
        var scheme = options.Certificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        server.BaseUri = new Uri($"{scheme}://127.0.0.1:{addresses.Single(a => a.Scheme == scheme).Port}/");
        if (options.Certificate is not null && options.AlsoPlainHttp)
        {
            server.HttpUri = new Uri($"http://127.0.0.1:{addresses.Single(a => a.Scheme == Uri.UriSchemeHttp).Port}/");
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next, bool recordBody)
    {
        var body = Array.Empty<byte>();
        if (recordBody)
        {
            var buffer = new MemoryStream();
            context.Response.RegisterForDispose(buffer);
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
            buffer.Position = 0;
            context.Request.Body = buffer;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new LoopbackRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, headers, body));
        await next(context).ConfigureAwait(false);
    }
}
