using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
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
/// What the agent asks of kube-apiserver, answered as it answers: /.well-known/openid-configuration, /openid/v1/jwks
/// (the keys DIR/serving names) and TokenRequest (a real token signed by the key DIR/signing names), over https on
/// 127.0.0.1 with its own certificate, 401 without the kubeconfig's bearer token. Each request is logged on stdout.
/// </summary>
public static class ApiServerStandIn
{
    public const string Namespace = "issuersync";

    public static async Task<int> RunAsync(DemoArguments options)
    {
        var dir = Path.GetFullPath(options.Required("dir"));
        var issuer = IssuerUrl.Parse(options.Required("issuer"));
        Directory.CreateDirectory(dir);
        var keys = new DemoKeys(dir);
        keys.CreateMissing();
        var bearer = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        using var certificate = LoopbackCertificate.Create("issuersync-demo kube-apiserver", Path.Combine(dir, "apiserver-ca.pem"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {bearer}")
            {
                await Status(context, 401, "Unauthorized", "Unauthorized");
            }
            else
            {
                await next(context);
            }

            Console.WriteLine($"apiserver: {context.Request.Method} {context.Request.Path} -> {context.Response.StatusCode}");
        });
        app.MapGet("/.well-known/openid-configuration", context =>
            Json(context, DiscoveryDocument.Build(issuer, JwksUri.Parse(issuer.Value.TrimEnd('/') + "/openid/v1/jwks"), keys.Serving())));
        app.MapGet("/openid/v1/jwks", context => Json(context, JwksDocument.Build(keys.Serving())));
        app.MapPost(
            "/api/v1/namespaces/{ns}/serviceaccounts/{name}/token",
            (HttpContext context, string ns, string name) => TokenAsync(context, ns, name, issuer, keys));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var url = $"https://127.0.0.1:{new Uri(address).Port}";
        File.WriteAllText(Path.Combine(dir, "kubeconfig"), Kubeconfig(url, File.ReadAllText(Path.Combine(dir, "apiserver-ca.pem")), bearer));
        File.WriteAllText(Path.Combine(dir, "apiserver.url"), url + "\n");
        Console.WriteLine($"apiserver: listening on {url}, issuer {issuer.Value}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task TokenAsync(HttpContext context, string ns, string name, IssuerUrl issuer, DemoKeys keys)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var spec = body.RootElement.GetProperty("spec");
        var audiences = spec.GetProperty("audiences").EnumerateArray().Select(a => a.GetString()!).ToArray();
        var lifetime = spec.TryGetProperty("expirationSeconds", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : 3600;
        var now = DateTimeOffset.UtcNow;
        var (key, kid) = keys.Signing();
        using (key)
        {
            var token = DemoJwt.Sign(key, kid, DemoJwt.Claims(issuer.Value, $"system:serviceaccount:{ns}:{name}", audiences, now, lifetime));
            await Json(context, Encoding.UTF8.GetBytes(new JsonObject
            {
                ["kind"] = "TokenRequest",
                ["apiVersion"] = "authentication.k8s.io/v1",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["spec"] = new JsonObject { ["audiences"] = new JsonArray(audiences.Select(a => (JsonNode)a!).ToArray()), ["expirationSeconds"] = lifetime },
                ["status"] = new JsonObject
                {
                    ["token"] = token,
                    ["expirationTimestamp"] = now.AddSeconds(lifetime).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                },
            }.ToJsonString()));
        }
    }

    private static string Kubeconfig(string server, string caPem, string bearer) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: demo
          cluster:
            server: {server}
            certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))}
        users:
        - name: demo-admin
          user:
            token: {bearer}
        contexts:
        - name: demo
          context:
            cluster: demo
            user: demo-admin
            namespace: {Namespace}
        current-context: demo

        """;

    private static Task Json(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    private static Task Status(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        return Json(context, Encoding.UTF8.GetBytes(new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        }.ToJsonString()));
    }
}
