using System.Collections.Concurrent;
using System.Net;
using System.Text;
using IssuerSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Cli.Tests.Verify;

/// <summary>
/// A real Kestrel HTTPS server on 127.0.0.1 (free port) with a certificate from <see cref="TestCertificates"/>,
/// serving leaf + CA as its chain. Tests register what each path answers; unknown paths are 404.
/// </summary>
public sealed class TestIssuerServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Served> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private readonly TestCertificates _certificates;

    public TestIssuerServer(bool withIntermediate = false)
    {
        _certificates = new TestCertificates(withIntermediate: withIntermediate);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = _certificates.Leaf;
            https.ServerCertificateChain = [_certificates.TopServed];
        })));
        _app = builder.Build();
        _app.Run(ServeAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Origin = $"https://127.0.0.1:{new Uri(address).Port}";
    }

    /// <summary>https://127.0.0.1:PORT, no trailing slash.</summary>
    public string Origin { get; }

    public string CaPem => _certificates.CaPem;

    public TestCertificates Certificates => _certificates;

    /// <summary>Answers GET <paramref name="path"/> (absolute path, e.g. /good/.well-known/openid-configuration).</summary>
    public void Serve(string path, int status, string? body, string? contentType = "application/json", IDictionary<string, string>? headers = null)
        => _routes[path] = new Served(status, body is null ? [] : Encoding.UTF8.GetBytes(body), contentType, headers ?? new Dictionary<string, string>());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!_routes.TryGetValue(context.Request.Path.Value ?? string.Empty, out var served))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.StatusCode = served.Status;
        if (served.ContentType is not null)
        {
            context.Response.ContentType = served.ContentType;
        }

        foreach (var (name, value) in served.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(served.Body);
    }

    private sealed record Served(int Status, byte[] Body, string? ContentType, IDictionary<string, string> Headers);
}
