using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Commands;
using IssuerSync.Functions.Tests.Handler;

namespace IssuerSync.Functions.Tests.Serve;

/// <summary><c>issuersync serve</c>: the same routes on Kestrel, guarded by its own x-functions-key check.</summary>
public sealed class ServeTests : IAsyncLifetime
{
    private const string OperatorKey = "operator-0123456789abcdef";
    private const string PushKey = "push-0123456789abcdef0000";
    private readonly PublisherWorld _world = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private Task<int> _serve = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var config = Config(pushKey: true);
        _serve = ServeCommand.RunAsync(new ServeCommand.Options { Config = config, Port = 0 }, _stdout, _stderr, _stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_stdout.ToString().Contains("listening on ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_serve.IsCompleted, $"serve did not start: {_stdout}{_stderr}");
            await Task.Delay(20);
        }

        var url = _stdout.ToString().Split("listening on ")[1].Split(' ')[0];
        _client = new HttpClient { BaseAddress = new Uri(url.TrimEnd(',') + "/") };
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serve;
        _client.Dispose();
        _world.Dispose();
    }

    [Fact]
    public void Serve_PrintsWhereItListens_OnLoopbackByDefault()
        => Assert.Matches(@"^issuersync serve: listening on http://127\.0\.0\.1:\d+ for 2 issuer\(s\); reconcile '0 \*/5 \* \* \* \*' \(UTC\)", _stdout.ToString());

    [Theory]
    [InlineData("GET", "api/issuers", null, "function_key_missing")]
    [InlineData("GET", "api/issuers/prod", "wrong-key-0123456789abcdef", "function_key_invalid")]
    [InlineData("POST", "api/issuers/prod/publish", PushKey, "function_key_invalid")]
    [InlineData("POST", "api/issuers/prod/approve", "operator-0123456789abcdeX", "function_key_invalid")]
    [InlineData("POST", "api/PushKeys", OperatorKey, "function_key_invalid")]
    [InlineData("POST", "api/PushKeys", null, "function_key_missing")]
    [InlineData("POST", "api/PushKeys", "", "function_key_missing")]
    public async Task Serve_Answers401_WhenTheKeyIsMissingOrNotThisRoutesKey(string method, string path, string? key, string code)
    {
        var (status, json) = await Send(method, path, key);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(code, (string?)json["error"]);
    }

    [Fact]
    public async Task Serve_PassesTheRequestToTheService_WhenTheOperatorKeyIsRight()
    {
        var (status, json) = await Send("GET", "api/issuers", OperatorKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["prod", "edge"], json["issuers"]!.AsArray().Select(i => (string)i!["issuerId"]!));
    }

    [Fact]
    public async Task Serve_PassesThePushToTheService_WhenThePushKeyIsRight()
    {
        var (status, json) = await Send("POST", "api/PushKeys", PushKey);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("token_missing", (string?)json["error"]);
    }

    [Fact]
    public async Task Serve_DoesNotExposeTheInvocationEndpoints()
    {
        var (status, json) = await Send("POST", "Reconcile", OperatorKey);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("route_unknown", (string?)json["error"]);
    }

    [Fact]
    public async Task Serve_RefusesToStart_WhenNoOperatorKeyFileIsConfigured()
    {
        using var world = new PublisherWorld();
        var config = world.Folder.Write("bare.json", Json(world, operatorKeyFile: null, pushKeyFile: null));
        var stderr = new StringWriter();
        var exit = await ServeCommand.RunAsync(new ServeCommand.Options { Config = config, Port = 0 }, new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Contains("IssuerSync__OperatorKeyFile is not set", stderr.ToString());
    }

    [Fact]
    public async Task Serve_ListsEveryProblem_WhenTheConfigurationIsWrong()
    {
        using var world = new PublisherWorld();
        world.Folder.Write("short.key", "abc");
        var config = world.Folder.Write("bad.json", """{"IssuerSync": {"ReconcileSchedule": "every 5 minutes", "OperatorKeyFile": "short.key", "PushKeyFile": "missing.key"}}""");
        var stderr = new StringWriter();
        var exit = await ServeCommand.RunAsync(new ServeCommand.Options { Config = config, Port = 0 }, new StringWriter(), stderr);
        Assert.Equal(2, exit);
        var text = stderr.ToString();
        Assert.Contains("IssuerSync__StateStore is not set", text);
        Assert.Contains("IssuerSync__OperatorKeyFile = 'short.key': the key is shorter than 16 characters", text);
        Assert.Contains("IssuerSync__PushKeyFile = 'missing.key': cannot read it", text);
        Assert.Contains("IssuerSync__ReconcileSchedule 'every 5 minutes' is not an NCRONTAB expression", text);
        Assert.Contains("serve did not start", text);
    }

    private string Config(bool pushKey)
    {
        _world.Folder.Write("operator.key", OperatorKey + "\n");
        _world.Folder.Write("push.key", PushKey + "\n");
        return _world.Folder.Write("publisher.json", Json(_world, "operator.key", pushKey ? "push.key" : null));
    }

    private static string Json(PublisherWorld world, string? operatorKeyFile, string? pushKeyFile)
    {
        var section = new JsonObject { ["StateStore"] = "dir:" + world.StateFolder };
        if (operatorKeyFile is not null)
        {
            section["OperatorKeyFile"] = operatorKeyFile;
        }

        if (pushKeyFile is not null)
        {
            section["PushKeyFile"] = pushKeyFile;
        }

        var issuers = new JsonArray();
        foreach (var (id, issuer) in new[] { ("prod", PublisherWorld.ProdIssuer), ("edge", PublisherWorld.EdgeIssuer) })
        {
            issuers.Add(new JsonObject { ["Id"] = id, ["Issuer"] = issuer, ["Target"] = "dir:" + world.Documents(id), ["AgentSubject"] = PublisherWorld.Agent });
        }

        section["Issuers"] = issuers;
        return new JsonObject { ["IssuerSync"] = section }.ToJsonString();
    }

    private async Task<(HttpStatusCode Status, JsonNode Json)> Send(string method, string path, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", key);
        }

        using var response = await _client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
