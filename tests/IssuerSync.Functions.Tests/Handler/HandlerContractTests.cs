using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Testing;
using IssuerSync.Testing.Handler;

namespace IssuerSync.Functions.Tests.Handler;

/// <summary>
/// The handler driven as the Functions host drives it: HTTP functions proxied to /api/{route} (with the
/// X-Forwarded-For the platform adds), timer and queue triggers posted to /{FunctionName} as
/// {"Data", "Metadata"} and answered {"Outputs", "Logs", "ReturnValue"}. One fresh handler per test.
/// </summary>
public sealed class HandlerContractTests : IAsyncLifetime
{
    private readonly PublisherWorld _world = new();
    private HandlerProcess _handler = null!;

    public async Task InitializeAsync() => _handler = await HandlerProcess.StartAsync(_world.Settings());

    public async Task DisposeAsync()
    {
        await _handler.DisposeAsync();
        _world.Dispose();
    }

    [Fact]
    public async Task PushKeys_EnrolsThenApprovePublishes_WhenProxiedAsTheHostDoes()
    {
        using var key = TestKeys.Rsa();
        var push = await Push("prod", PublisherWorld.Body(PublisherWorld.ProdIssuer, key), PublisherWorld.Token(key, PublisherWorld.ProdIssuer));
        Assert.Equal(HttpStatusCode.Accepted, push.Status);
        Assert.Equal("pending", (string?)push.Json["status"]);
        Assert.False(File.Exists(_world.Jwks("prod")));

        var approve = await Send(HttpMethod.Post, "api/issuers/prod/approve", $$"""{"fingerprints": ["{{PublisherWorld.Fingerprint(key)}}"], "operator": "alice"}""");
        Assert.Equal(HttpStatusCode.OK, approve.Status);
        Assert.Equal("approve", (string?)approve.Json["action"]);
        Assert.Equal([TestKeys.ExpectedKid(key)], approve.Json["published"]!.AsArray().Select(n => (string)n!));

        var jwks = JsonNode.Parse(await File.ReadAllTextAsync(_world.Jwks("prod")))!;
        Assert.Equal(TestKeys.ExpectedKid(key), (string?)jwks["keys"]![0]!["kid"]);
        var discovery = JsonNode.Parse(await File.ReadAllTextAsync(_world.Discovery("prod")))!;
        Assert.Equal(PublisherWorld.ProdIssuer, (string?)discovery["issuer"]);

        var status = await Send(HttpMethod.Get, "api/issuers/prod");
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal("prod", (string?)status.Json["issuerId"]);
        Assert.Equal("active", (string?)status.Json["keys"]![0]!["status"]);
    }

    [Fact]
    public async Task PushKeys_RefusesForgedPushAndLeavesDocumentsByteIdentical_WhenTokenIsSignedByAnUntrustedKey()
    {
        using var trusted = TestKeys.Rsa();
        using var attacker = TestKeys.Rsa();
        await Push("prod", PublisherWorld.Body(PublisherWorld.ProdIssuer, trusted), PublisherWorld.Token(trusted, PublisherWorld.ProdIssuer));
        await Send(HttpMethod.Post, "api/issuers/prod/approve", $$"""{"fingerprints": ["{{PublisherWorld.Fingerprint(trusted)}}"], "operator": "alice"}""");
        var before = await File.ReadAllBytesAsync(_world.Jwks("prod"));

        var forged = await Push("prod", PublisherWorld.Body(PublisherWorld.ProdIssuer, attacker), PublisherWorld.Token(attacker, PublisherWorld.ProdIssuer));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal("token_key_untrusted", (string?)forged.Json["error"]);
        Assert.Equal(before, await File.ReadAllBytesAsync(_world.Jwks("prod")));
    }

    [Fact]
    public async Task PushKeys_Answers401TokenMissing_WhenTheProxiedRequestHasNoBearerToken()
    {
        var push = await Push("prod", PublisherWorld.Body(PublisherWorld.ProdIssuer, TestKeys.Rsa()), token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, push.Status);
        Assert.Equal("token_missing", (string?)push.Json["error"]);
    }

    [Fact]
    public async Task PushKeys_Answers413UnreadBody_WhenTheBodyIsLargerThanTheCap()
    {
        var push = await Push("prod", new byte[(256 * 1024) + 1], PublisherWorld.Token(TestKeys.Rsa(), PublisherWorld.ProdIssuer));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, push.Status);
        Assert.Equal("body_too_large", (string?)push.Json["error"]);
    }

    [Theory]
    [InlineData("GET", "api/issuers/nope", 404, "issuer_unknown")]
    [InlineData("POST", "api/issuers/nope/publish", 404, "issuer_unknown")]
    [InlineData("POST", "api/issuers/prod/approve", 400, "body_malformed")]
    [InlineData("POST", "api/issuers/prod/revoke", 400, "body_malformed")]
    [InlineData("GET", "api/keys", 404, "route_unknown")]
    public async Task OperatorRoutes_AnswerTheServiceRefusal_WhenTheRequestIsWrong(string method, string path, int status, string code)
    {
        var answer = await Send(new HttpMethod(method), path, method == "POST" ? "not json" : null);
        Assert.Equal(status, (int)answer.Status);
        Assert.Equal(code, (string?)answer.Json["error"]);
    }

    [Fact]
    public async Task Status_ListsEveryRegisteredIssuer_WhenNoIdIsGiven()
    {
        var answer = await Send(HttpMethod.Get, "api/issuers");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["prod", "edge"], answer.Json["issuers"]!.AsArray().Select(i => (string)i!["issuerId"]!));
    }

    [Fact]
    public async Task Reconcile_AnswersOneQueueMessagePerIssuer_WhenTheTimerFires()
    {
        var answer = await Invoke("Reconcile", """
            {"Data": {"timer": {"Schedule": {"AdjustForDST": true}, "ScheduleStatus": {"Last": "2026-12-01T10:00:00+00:00", "Next": "2026-12-01T10:05:00+00:00", "LastUpdated": "2026-12-01T10:00:00+00:00"}, "IsPastDue": false}},
             "Metadata": {"sys": {"MethodName": "Reconcile", "UtcNow": "2026-12-01T10:05:00.0123456Z", "RandGuid": "0f8fad5b-d9cb-469f-a165-70867728950e"}}}
            """);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["prod", "edge"], answer.Json["Outputs"]!["reconcile"]!.AsArray().Select(m => (string)m!));
        Assert.Contains("queued 2 issuer(s) on issuersync-reconcile", answer.Json["Logs"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(JsonValueKind.Null, answer.Json["ReturnValue"]?.GetValueKind() ?? JsonValueKind.Null);
    }

    [Theory]
    [InlineData("\"prod\"")]
    [InlineData("\"\\\"prod\\\"\"")]
    public async Task ReconcileIssuer_ReconcilesThatIssuer_WhenTheQueueMessageIsItsId(string message)
    {
        var answer = await Invoke("ReconcileIssuer", $$$"""{"Data": {"issuerId": {{{message}}}}, "Metadata": {"DequeueCount": 1, "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865"}}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith("prod: issuer prod: ", (string?)answer.Json["Logs"]![0]);
    }

    [Fact]
    public async Task ReconcileIssuer_Answers200WithoutRetry_WhenTheIssuerIsNoLongerRegistered()
    {
        var answer = await Invoke("ReconcileIssuer", """{"Data": {"issuerId": "gone"}, "Metadata": {"DequeueCount": 1}}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("no issuer is registered with id 'gone'", (string?)answer.Json["Logs"]![0]);
    }

    [Theory]
    [InlineData("""{"Data": {}}""")]
    [InlineData("""{"Data": {"issuerId": {"id": "prod"}}}""")]
    [InlineData("""{"Metadata": {}}""")]
    [InlineData("not json")]
    public async Task ReconcileIssuer_Answers400_WhenThePayloadCarriesNoIssuerId(string payload)
    {
        var answer = await Invoke("ReconcileIssuer", payload);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("no Data.issuerId", (string?)answer.Json["Logs"]![0]);
    }

    private async Task<Answer> Push(string issuerId, byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/PushKeys") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7:51234, 10.0.0.4");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _ = issuerId;
        return await Answer.From(await _handler.Client.SendAsync(request));
    }

    private async Task<Answer> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await Answer.From(await _handler.Client.SendAsync(request));
    }

    private async Task<Answer> Invoke(string function, string payload)
        => await Answer.From(await _handler.Client.PostAsync(function, new StringContent(payload, Encoding.UTF8, "application/json")));

    private sealed record Answer(HttpStatusCode Status, JsonNode Json, string ContentType)
    {
        public static async Task<Answer> From(HttpResponseMessage response)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                return new Answer(response.StatusCode, JsonNode.Parse(text) ?? new JsonObject(), response.Content.Headers.ContentType?.ToString() ?? string.Empty);
            }
        }
    }
}
