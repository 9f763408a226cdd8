using System.Security.Cryptography.X509Certificates;
using IssuerSync.Testing.Cluster;
using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.EndToEnd.Tests.Hosting;

/// <summary>
/// The public web server in front of a dir: target, as nginx or a static site host would be: anonymous GETs over
/// HTTPS on 127.0.0.1, every file under <see cref="Root"/> at its relative path, served as application/json with a
/// short Cache-Control; anything else 404. Its certificate is its own CA (<see cref="CaFile"/> for --ca-cert).
/// </summary>
public sealed class StaticIssuerServer : IAsyncDisposable
{
    public const string CacheControl = "public, max-age=300";

    private LoopbackServer _server = null!;
    private readonly X509Certificate2 _certificate;

    private StaticIssuerServer(X509Certificate2 certificate, string root, string caFile)
    {
        _certificate = certificate;
        Root = root;
        CaFile = caFile;
    }

    /// <summary>The folder served at /.</summary>
    public string Root { get; }

    /// <summary>https://127.0.0.1:PORT, no trailing slash.</summary>
    public string Origin => _server.BaseUrl;

    /// <summary>The server's certificate as a PEM file: the only root a client needs to trust it.</summary>
    public string CaFile { get; }

    public static async Task<StaticIssuerServer> StartAsync(string root, string caFile)
    {
        Directory.CreateDirectory(root);
        var certificate = LoopbackCertificate.Create();
        await File.WriteAllTextAsync(caFile, certificate.ExportCertificatePem());
        var server = new StaticIssuerServer(certificate, Path.GetFullPath(root), caFile);
        server._server = await LoopbackServer.StartAsync(server.ServeAsync, new LoopbackServerOptions { Certificate = certificate });
        return server;
    }

    /// <summary>An HttpClient that trusts this server's certificate only, and sends no credential (as a cloud fetches).</summary>
    public HttpClient AnonymousClient() => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
        {
            if (presented is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(_certificate.RawData));
            return chain.Build(presented);
        },
    });

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var relative = (context.Request.Path.Value ?? string.Empty).TrimStart('/');
        var file = Path.GetFullPath(Path.Combine(Root, relative));
        if (!HttpMethods.IsGet(context.Request.Method) || !file.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(file, context.RequestAborted);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = CacheControl;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
