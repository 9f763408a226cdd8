using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Testing.Http;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Testing.Cluster;

/// <summary>
/// A loopback HTTPS server answering what the agent asks of kube-apiserver, the way it answers:
/// issuer discovery, the JWKS (built here independently of the product), TokenRequest (signing a real
/// JWT with the signing key), 401 without the admin bearer, and the 403/404 an operator would meet.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    public const string AdminToken = "admin-token-for-tests";
    public const string Namespace = "issuersync";
    public const string AccountName = "issuersync-agent";

    private readonly X509Certificate2 _certificate;
    private LoopbackServer _server = null!;

    private FakeApiServer(X509Certificate2 certificate) => _certificate = certificate;

    /// <summary>The issuer the discovery document names (kube-apiserver's --service-account-issuer).</summary>
    public string Issuer { get; set; } = "https://oidc.example.com/cluster1";

    /// <summary>The keys the API server verifies with; the first signs tokens unless <see cref="SigningKey"/> is set. Add one to model a rotation.</summary>
    public List<AsymmetricAlgorithm> Keys { get; } = [TestKeys.Rsa()];

    /// <summary>
    /// The key TokenRequest signs with (kube-apiserver's --service-account-signing-key-file); null: the first of
    /// <see cref="Keys"/>. Set it to a key still listed in <see cref="Keys"/> to model "sign with the new key, keep serving the old".
    /// </summary>
    public AsymmetricAlgorithm? SigningKey { get; set; }

    /// <summary>Status to answer instead of the real one, per endpoint: "discovery", "jwks", "token".</summary>
    public ConcurrentDictionary<string, HttpStatusCode> Failures { get; } = new();

    /// <summary>How long to wait before answering, per endpoint: "discovery", "jwks", "token".</summary>
    public ConcurrentDictionary<string, TimeSpan> Delays { get; } = new();

    /// <summary>Extra members to add to every JWK served (to model a broken API server).</summary>
    public Dictionary<string, string> ExtraJwkMembers { get; } = [];

    /// <summary>
    /// Put a unique <c>jti</c> in every token, as kube-apiserver does from 1.30 (ServiceAccountTokenJTI). Off, two
    /// TokenRequests within one second get identical claims, as on older clusters.
    /// </summary>
    public bool IssueJti { get; set; }

    /// <summary>The cap of --service-account-max-token-expiration: longer requests get this lifetime.</summary>
    public long? MaxExpirationSeconds { get; set; }

    public ConcurrentQueue<TokenRequestRecord> TokenRequests { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri BaseUri => _server.BaseUri;

    public static async Task<FakeApiServer> StartAsync()
    {
        var certificate = LoopbackCertificate.Create();
        var server = new FakeApiServer(certificate);
        server._server = await LoopbackServer.StartAsync(
            app =>
            {
                app.Use(async (context, next) =>
                {
                    server.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
                    if (context.Request.Headers.Authorization != $"Bearer {AdminToken}")
                    {
                        await Status(context, HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");
                        return;
                    }

                    await next(context);
                });
                app.MapGet("/.well-known/openid-configuration", server.DiscoveryAsync);
                app.MapGet("/openid/v1/jwks", server.JwksAsync);
                app.MapPost("/api/v1/namespaces/{ns}/serviceaccounts/{name}/token", server.TokenAsync);
            },
            new LoopbackServerOptions { Certificate = certificate }).ConfigureAwait(false);
        return server;
    }

    public string KidOf(AsymmetricAlgorithm key) => TestKeys.ExpectedKid(key);

    /// <summary>The configuration a client gets from a kubeconfig for this server: its CA and the admin token.</summary>
    public KubernetesClientConfiguration ClientConfiguration(string? token = AdminToken) => new()
    {
        Host = BaseUri.ToString(),
        AccessToken = token,
        SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificate.RawData)],
        Namespace = Namespace,
    };

    /// <summary>The server's CA as a kubeconfig's certificate-authority-data (base64 of the PEM).</summary>
    public string CertificateAuthorityData => Convert.ToBase64String(Encoding.ASCII.GetBytes(_certificate.ExportCertificatePem()));

    public string WriteKubeconfig(string path)
    {
        var ca = CertificateAuthorityData;
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {BaseUri}
                certificate-authority-data: {ca}
            users:
            - name: admin
              user:
                token: {AdminToken}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: admin
                namespace: {Namespace}
            current-context: fake
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
        foreach (var key in Keys)
        {
            key.Dispose();
        }
    }

    private async Task DiscoveryAsync(HttpContext context)
    {
        if (await FailAsync(context, "discovery"))
        {
            return;
        }

        var algorithms = Keys.Select(k => k is RSA ? "RS256" : "ES256").Distinct().Order(StringComparer.Ordinal).ToArray();
        await Json(context, new JsonObject
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer.TrimEnd('/') + "/openid/v1/jwks",
            ["response_types_supported"] = new JsonArray("id_token"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray(algorithms.Select(a => (JsonNode)a!).ToArray()),
        });
    }

    private async Task JwksAsync(HttpContext context)
    {
        if (await FailAsync(context, "jwks"))
        {
            return;
        }

        var keys = new JsonArray();
        foreach (var key in Keys)
        {
            var jwk = new JsonObject { ["use"] = "sig", ["kid"] = KidOf(key) };
            if (key is RSA rsa)
            {
                var p = rsa.ExportParameters(false);
                jwk["kty"] = "RSA";
                jwk["alg"] = "RS256";
                jwk["n"] = Jwt.Base64Url(p.Modulus);
                jwk["e"] = Jwt.Base64Url(p.Exponent);
            }
            else if (key is ECDsa ec)
            {
                var p = ec.ExportParameters(false);
                jwk["kty"] = "EC";
                jwk["alg"] = "ES256";
                jwk["crv"] = "P-256";
                jwk["x"] = Jwt.Base64Url(p.Q.X);
                jwk["y"] = Jwt.Base64Url(p.Q.Y);
            }

            foreach (var (name, value) in ExtraJwkMembers)
            {
                jwk[name] = value;
            }

            keys.Add(jwk);
        }

        await Json(context, new JsonObject { ["keys"] = keys });
    }

    private async Task TokenAsync(HttpContext context, string ns, string name)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var spec = body.RootElement.GetProperty("spec");
        var audiences = spec.GetProperty("audiences").EnumerateArray().Select(a => a.GetString()!).ToArray();
        var expiration = spec.TryGetProperty("expirationSeconds", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : 3600;
        TokenRequests.Enqueue(new TokenRequestRecord(ns, name, audiences, expiration, body.RootElement.GetProperty("kind").GetString()));
        var failure = Failures.TryGetValue("token", out var status) ? status : (HttpStatusCode?)null;
        if (failure == HttpStatusCode.Forbidden)
        {
            await Status(context, HttpStatusCode.Forbidden, "Forbidden",
                $"serviceaccounts \"{name}\" is forbidden: User \"system:serviceaccount:{ns}:{name}\" cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"{ns}\"");
            return;
        }

        if (failure is { } other)
        {
            await Status(context, other, other.ToString(), $"serviceaccounts \"{name}\" not found");
            return;
        }

        var now = DateTimeOffset.UtcNow;
        expiration = Math.Min(expiration, MaxExpirationSeconds ?? long.MaxValue);
        var key = SigningKey ?? Keys[0];
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray(audiences.Select(a => (JsonNode)a!).ToArray()),
            ["exp"] = now.AddSeconds(expiration).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
        };
        if (IssueJti)
        {
            claims["jti"] = Guid.NewGuid().ToString();
        }

        var token = Jwt.Sign(key, KidOf(key), claims);
        await Json(context, new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["audiences"] = new JsonArray(audiences.Select(a => (JsonNode)a!).ToArray()), ["expirationSeconds"] = expiration },
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = now.AddSeconds(expiration).ToString("yyyy-MM-ddTHH:mm:ssZ") },
        });
    }

    private async Task<bool> FailAsync(HttpContext context, string endpoint)
    {
        if (Delays.TryGetValue(endpoint, out var delay))
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (!Failures.TryGetValue(endpoint, out var status))
        {
            return false;
        }

        if (status == HttpStatusCode.NotFound)
        {
            // kube-apiserver's answer for a non-resource path it does not serve.
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("404 page not found\n");
            return true;
        }

        await Status(context, status, status.ToString(), $"forbidden: User \"system:serviceaccount:{Namespace}:{AccountName}\" cannot get path \"{context.Request.Path}\"");
        return true;
    }

    private static Task Json(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Status(HttpContext context, HttpStatusCode code, string reason, string message)
    {
        context.Response.StatusCode = (int)code;
        return Json(context, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = (int)code,
        });
    }
}
