using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Demo;

/// <summary>
/// The public https side of the storage, as a CDN or static website is: anonymous GET and HEAD on 127.0.0.1 (a free
/// port, its own certificate written to DIR/front-ca.pem for --ca-cert) passed to the upstream storage URL with no
/// credential; status, body, Content-Type, Cache-Control and ETag come back as the storage answered. Anything else 405.
/// </summary>
public static class TlsFront
{
    private static readonly string[] Passed = ["Content-Type", "Content-Length", "Cache-Control", "ETag", "Last-Modified"];

    public static async Task<int> RunAsync(DemoArguments options)
    {
        var dir = Path.GetFullPath(options.Required("dir"));
        var upstream = new Uri(options.Required("upstream").TrimEnd('/') + "/");
        Directory.CreateDirectory(dir);
        using var certificate = LoopbackCertificate.Create("issuersync-demo storage front", Path.Combine(dir, "front-ca.pem"));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            var target = new Uri(upstream, (context.Request.Path.Value ?? "/").TrimStart('/') + context.Request.QueryString);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
            using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var name in Passed)
            {
                if (answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            Console.WriteLine($"front: {context.Request.Method} {context.Request.Path} -> {(int)answer.StatusCode}");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var url = $"https://127.0.0.1:{new Uri(address).Port}";
        File.WriteAllText(Path.Combine(dir, "front.url"), url + "\n");
        Console.WriteLine($"front: listening on {url}, serving {upstream}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
