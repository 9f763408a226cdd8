using System.Collections.Concurrent;
using System.Text;
using IssuerSync.Testing;
using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Cli.Tests.Verify;

/// <summary>
/// An HTTPS <see cref="LoopbackServer"/> with a certificate from <see cref="TestCertificates"/>,
/// serving leaf + CA as its chain. Tests register what each path answers; unknown paths are 404.
/// </summary>
public sealed class TestIssuerServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Served> _routes = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;
    private readonly TestCertificates _certificates;

    public TestIssuerServer(bool withIntermediate = false)
    {
        _certificates = new TestCertificates(withIntermediate: withIntermediate);
        _server = LoopbackServer.StartAsync(ServeAsync, new LoopbackServerOptions { Certificate = _certificates.Leaf, Chain = [_certificates.TopServed] }).GetAwaiter().GetResult();
        Origin = _server.BaseUrl;
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
        await _server.DisposeAsync();
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
