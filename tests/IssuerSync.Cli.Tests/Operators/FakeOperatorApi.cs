using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;
using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Cli.Tests.Operators;

/// <summary>
/// The publisher's operator API: the operator routes of docs/publisher-api.md on a <see cref="LoopbackServer"/> (https with a test CA, and
/// plain http): function-key check as Azure Functions does it (401, empty body), the documented JSON
/// answers and refusal codes, and the real rotation policy of IssuerSync.Core for approve and revoke.
/// Every request is recorded. <see cref="Override"/> answers the next request as given (5xx refusals,
/// redirects, proxies' pages).
/// </summary>
public sealed class FakeOperatorApi : IAsyncDisposable
{
    public const string FunctionKey = "op-key_Zm9vYmFy==";
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Issuer> _issuers = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;
    private readonly TestCertificates _certificates;
    private readonly object _lock = new();

    /// <param name="certificates">The test CA and 127.0.0.1 leaf (shared by the tests: making RSA keys is slow); not disposed here.</param>
    public FakeOperatorApi(TestCertificates certificates)
    {
        _certificates = certificates;
        _server = LoopbackServer.StartAsync(ServeAsync, new LoopbackServerOptions { Certificate = _certificates.Leaf, AlsoPlainHttp = true }).GetAwaiter().GetResult();
        Https = _server.BaseUrl;
        Http = _server.HttpUri!.ToString().TrimEnd('/');
    }

    /// <summary>https://127.0.0.1:PORT (the certificate chains to <see cref="CaPem"/>).</summary>
    public string Https { get; }

    /// <summary>http://127.0.0.1:PORT.</summary>
    public string Http { get; }

    public string CaPem => _certificates.CaPem;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The next request is answered with this instead of the API (then the API again).</summary>
    public Answer? Override { get; set; }

    /// <summary>Delays every answer (timeouts, cancellation).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Publishing fails for every issuer: answers carry <c>publish.status: failed</c>.</summary>
    public string? PublishFailure { get; set; }

    /// <summary>Registers an issuer; <paramref name="keys"/> with their status, the first active one signing the latest push.</summary>
    public Issuer Register(string id, params (AsymmetricAlgorithm Key, KeyStatus Status)[] keys)
    {
        var records = keys.Select(k => KeyRecord.Create(KeyFileParser.Parse(Encoding.UTF8.GetBytes(k.Key.ExportSubjectPublicKeyInfoPem()), "test").Single(), k.Status, Now.AddDays(-3)) with
        {
            RetainUntil = k.Status == KeyStatus.Retained ? Now.AddDays(7) : null,
        }).ToArray();
        var issuer = new Issuer
        {
            State = new IssuerState
            {
                IssuerId = id,
                Issuer = $"https://oidc{id.Replace("-", string.Empty, StringComparison.Ordinal)}.blob.core.windows.net/oidc",
                Keys = records.OrderBy(k => k.Kid, StringComparer.Ordinal).ToArray(),
                LatestSigningKid = records.FirstOrDefault(k => k.Status == KeyStatus.Active)?.Kid,
            },
        };
        _issuers[id] = issuer;
        return issuer;
    }

    public Issuer this[string id] => _issuers[id];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>A status (or refusal) JSON as docs/publisher-api.md shows it.</summary>
    public static JsonObject StatusJson(Issuer issuer)
    {
        var state = issuer.State;
        return new JsonObject
        {
            ["issuerId"] = state.IssuerId,
            ["issuer"] = state.Issuer,
            ["target"] = $"azblob:{state.Issuer}",
            ["keys"] = new JsonArray(state.Keys.Select(k =>
            {
                var key = new JsonObject
                {
                    ["kid"] = k.Kid,
                    ["status"] = k.Status.ToString().ToLowerInvariant(),
                    ["fingerprint"] = k.Fingerprint,
                    ["firstSeen"] = Time(k.FirstSeen),
                    ["lastSeen"] = Time(k.LastSeen),
                    ["changedAt"] = Time(k.ChangedAt),
                };
                if (k.RetainUntil is { } until)
                {
                    key["retainUntil"] = Time(until);
                }

                return (JsonNode)key;
            }).ToArray()),
            ["published"] = Strings(state.PublishedKids),
            ["pending"] = new JsonArray(state.Keys.Where(k => k.Status == KeyStatus.Pending).Select(k => (JsonNode)new JsonObject { ["kid"] = k.Kid, ["fingerprint"] = k.Fingerprint }).ToArray()),
            ["latestSigningKid"] = state.LatestSigningKid,
            ["lastPushAt"] = issuer.LastPushAt is { } push ? Time(push) : null,
            ["lastPublish"] = issuer.LastPublish?.DeepClone(),
            ["lastError"] = issuer.LastError?.DeepClone(),
            ["stale"] = issuer.Stale,
            ["staleAfter"] = "02:00:00",
        };
    }

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private async Task ServeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        var answer = Override ?? Handle(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.Headers["x-functions-key"].ToString(), body);
        Override = null;
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body);
        }
    }

    private Answer Handle(string method, string path, string key, string body)
    {
        // Azure Functions: a route that does not exist (or not for this method) is 404, a wrong key 401, both with no body.
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "api" || segments[1] != "issuers" || segments.Length > 4)
        {
            return new Answer(404);
        }

        var action = segments.Length == 4 ? segments[3] : null;
        if ((action is null && method != "GET") || (action is not null && (method != "POST" || action is not ("approve" or "revoke" or "publish"))))
        {
            return new Answer(404);
        }

        if (key != FunctionKey)
        {
            return new Answer(401);
        }

        if (segments.Length == 2)
        {
            return Json(200, new JsonObject { ["issuers"] = new JsonArray(_issuers.Values.OrderBy(i => i.State.IssuerId, StringComparer.Ordinal).Select(i => (JsonNode)StatusJson(i)).ToArray()) });
        }

        if (!_issuers.TryGetValue(Uri.UnescapeDataString(segments[2]), out var issuer))
        {
            return Refusal(404, "issuer_unknown", $"no issuer is registered with id '{segments[2]}': check the publisher's IssuerSync__Issuers settings");
        }

        lock (_lock)
        {
            return action switch
            {
                null => Json(200, StatusJson(issuer)),
                "approve" => Approve(issuer, body),
                "revoke" => Revoke(issuer, body),
                _ => PublishNow(issuer, body),
            };
        }
    }

    private Answer Approve(Issuer issuer, string body)
    {
        if (Parse(body) is not JsonObject request || request["fingerprints"] is not JsonArray list || list.Count == 0
            || list.Any(f => f is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            return Refusal(400, "body_malformed", "the body is not {\"fingerprints\": [\"<sha256 hex>\", ...], \"operator\": \"...\"}");
        }

        return Operator(request) is { } name
            ? Apply(issuer, "approve", new ApproveEvent(list.Select(f => f!.GetValue<string>()).ToList(), name))
            : Refusal(400, "operator_missing", "name the operator who approves (\"operator\"): it is recorded in the issuer's history");
    }

    private Answer Revoke(Issuer issuer, string body)
    {
        if (Parse(body) is not JsonObject request || request["kid"] is not JsonValue kid || kid.GetValueKind() != JsonValueKind.String
            || (request["confirmSigningKey"] is { } confirm && confirm.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)))
        {
            return Refusal(400, "body_malformed", "the body is not {\"kid\": \"...\", \"confirmSigningKey\": false, \"operator\": \"...\"}");
        }

        return Operator(request) is { } name
            ? Apply(issuer, "revoke", new RevokeEvent(kid.GetValue<string>(), name, request["confirmSigningKey"]?.GetValue<bool>() ?? false))
            : Refusal(400, "operator_missing", "name the operator who revokes (\"operator\"): it is recorded in the issuer's history");
    }

    private Answer PublishNow(Issuer issuer, string body)
        => body.Length == 0 || Parse(body) is JsonObject { Count: 0 }
            ? OperatorAnswer(issuer, "publish", changed: false)
            : Refusal(400, "body_malformed", "PublishNow takes no body (or {})");

    private Answer Apply(Issuer issuer, string action, RotationEvent change)
    {
        var result = RotationPolicy.Apply(issuer.State, change, new RotationOptions(), Now);
        if (result.Error is { } error)
        {
            return Refusal(409, error.Code, error.Message);
        }

        var changed = !RotationPolicy.SameState(issuer.State, result.State);
        issuer.State = result.State;
        return OperatorAnswer(issuer, action, changed);
    }

    private Answer OperatorAnswer(Issuer issuer, string action, bool changed)
    {
        var documents = PublishedKeys.Documents(issuer.State);
        JsonObject publish;
        if (documents is null)
        {
            publish = new JsonObject { ["status"] = "skipped", ["documents"] = new JsonArray() };
        }
        else if (PublishFailure is { } failure)
        {
            publish = new JsonObject { ["status"] = "failed", ["message"] = failure, ["documents"] = new JsonArray() };
        }
        else
        {
            var jwks = Outcome(issuer.ServedJwks, documents.Jwks);
            var discovery = Outcome(issuer.ServedDiscovery, documents.Discovery);
            (issuer.ServedJwks, issuer.ServedDiscovery) = (documents.Jwks, documents.Discovery);
            publish = new JsonObject
            {
                ["status"] = jwks == "written" || discovery == "written" ? "published" : "unchanged",
                ["documents"] = new JsonArray(new JsonObject { ["name"] = "jwks", ["status"] = jwks }, new JsonObject { ["name"] = "discovery", ["status"] = discovery }),
            };
        }

        issuer.LastPublish = new JsonObject { ["at"] = Time(Now), ["status"] = publish["status"]!.GetValue<string>() };
        return Json(200, new JsonObject
        {
            ["issuerId"] = issuer.State.IssuerId,
            ["action"] = action,
            ["changed"] = changed,
            ["published"] = Strings(issuer.State.PublishedKids),
            ["pending"] = Strings(issuer.State.PendingKids),
            ["publish"] = publish,
        });
    }

    private static string Outcome(byte[]? served, byte[] wanted) => served is not null && served.AsSpan().SequenceEqual(wanted) ? "unchanged" : "written";

    private static string? Operator(JsonObject request)
        => request["operator"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>()) ? v.GetValue<string>() : null;

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Answer Json(int status, JsonObject body) => new(status, body.ToJsonString(), "application/json; charset=utf-8");

    public static Answer Refusal(int status, string code, string message) => Json(status, new JsonObject { ["error"] = code, ["message"] = message });

    /// <summary>What the fake answers: status, body (null: none), content type and headers.</summary>
    public sealed record Answer(int Status, string? Body = null, string ContentType = "application/json; charset=utf-8", IReadOnlyDictionary<string, string>? Headers = null);

    /// <summary>One registered issuer: its real rotation state and what the fake last "served".</summary>
    public sealed class Issuer
    {
        public required IssuerState State { get; set; }

        public DateTimeOffset? LastPushAt { get; set; } = Now.AddMinutes(-30);

        public JsonObject? LastPublish { get; set; }

        public JsonNode? LastError { get; set; }

        public bool Stale { get; set; }

        public byte[]? ServedJwks { get; set; }

        public byte[]? ServedDiscovery { get; set; }
    }
}
