using System.Net;
using System.Text.Json;
using IssuerSync.Testing;
using IssuerSync.Testing.Agent;
using IssuerSync.Testing.Cluster;

namespace IssuerSync.Cli.Tests.Agent;

public sealed class AgentRunCommandTests : AgentWorldTests
{
    [Fact]
    public async Task AgentRunOnce_PushesAndLogsJsonLinesWithoutTheToken_WhenTheClusterIsHealthy()
    {
        var (code, _, stderr) = await RunOnceAsync();

        Assert.Equal(0, code);
        var push = Assert.Single(Publisher.Pushes);
        Assert.Equal([Api.KidOf(Api.Keys[0])], push.Kids);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!).ToArray();
        Assert.Equal(["Starting", "Pushing", "PushAccepted"], events);
        Assert.DoesNotContain(push.Bearer!, stderr);
        Assert.DoesNotContain(push.Bearer!.Split('.')[2], stderr);
        Assert.DoesNotContain(FakeApiServer.AdminToken, stderr);
        Assert.Equal(Issuer, JsonDocument.Parse(lines[0]).RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task AgentRunOnce_Exits2NamingTheApiServerFlags_WhenTheClusterIssuesForAnotherIssuer()
    {
        Api.Issuer = "https://kubernetes.default.svc";

        var (code, _, stderr) = await RunOnceAsync();

        Assert.Equal(2, code);
        Assert.Contains("issuersync: error: the API server's issuer is 'https://kubernetes.default.svc' but --issuer is 'https://oidc.example.com/cluster1'", stderr);
        Assert.Contains("--service-account-issuer=https://oidc.example.com/cluster1", stderr);
        Assert.Contains("--service-account-jwks-uri=https://oidc.example.com/cluster1/openid/v1/jwks", stderr);
        Assert.Empty(Publisher.Pushes);
    }

    [Fact]
    public async Task AgentRunOnce_Exits2PointingAtKeyFile_WhenDiscoveryIsOff()
    {
        Api.Failures["discovery"] = HttpStatusCode.NotFound;

        var (code, _, stderr) = await RunOnceAsync();

        Assert.Equal(2, code);
        Assert.Contains("404 Not Found for /.well-known/openid-configuration", stderr);
        Assert.Contains("Hint: read the keys on a control-plane node instead with --key-file", stderr);
    }

    [Fact]
    public async Task AgentRunOnce_Exits2NamingThePermission_WhenTheTokenRequestIsForbidden()
    {
        Api.Failures["token"] = HttpStatusCode.Forbidden;

        var (code, _, stderr) = await RunOnceAsync();

        Assert.Equal(2, code);
        Assert.Contains("lacks permission to create serviceaccounts/token for itself", stderr);
        Assert.Empty(Publisher.Pushes);
    }

    [Fact]
    public async Task AgentRunOnce_Exits2WithThePublishersReasonAfterOneAttempt_WhenThePublisherRefuses()
    {
        Publisher.Reply(HttpStatusCode.Unauthorized, """{"error":"token_signature_invalid","message":"the token is not signed by a key trusted for https://oidc.example.com/cluster1"}""");

        var (code, _, stderr) = await RunOnceAsync();

        Assert.Equal(2, code);
        Assert.Single(Publisher.Pushes);
        Assert.Contains("\"event\":\"PushRejected\"", stderr);
        Assert.Contains("issuersync: error: the publisher refused the push with 401 Unauthorized (token_signature_invalid): the token is not signed by a key trusted for https://oidc.example.com/cluster1", stderr);
        Assert.DoesNotContain(Publisher.Pushes.Single().Bearer!, stderr);
    }

    [Fact]
    public async Task AgentRunOnce_PutsNoPrivateParameterOnTheWire_WhenTheKeyFileIsAPrivateKey()
    {
        using var rsa = TestKeys.Rsa();
        using var ec = TestKeys.Ec();
        var rsaPem = TestKeys.PrivatePem(rsa);
        var ecPem = ec.ExportECPrivateKeyPem();
        var token = Dir.Write("token", "projected-token-value");
        var functionKey = Dir.Write("function-key", "fn-secret\n");

        var (code, _, stderr) = await CliRun.RunAsync(
            "agent", "run", "--once", "--publisher", Publisher.BaseUri.ToString(), "--issuer", Issuer,
            "--key-file", Dir.Write("service.key", rsaPem), Dir.Write("talos-sa.key", ecPem),
            "--token-file", token, "--function-key-file", functionKey);

        Assert.True(code == 0, stderr);
        var push = Assert.Single(Publisher.Pushes);
        Assert.Equal(new[] { TestKeys.ExpectedKid(rsa), TestKeys.ExpectedKid(ec) }.Order(StringComparer.Ordinal), push.Kids);
        Assert.Equal(("projected-token-value", "fn-secret"), (push.Bearer, push.Headers["x-functions-key"]));
        Assert.Empty(Api.Requests);
        var wire = push.WireText;
        var r = rsa.ExportParameters(includePrivateParameters: true);
        var e = ec.ExportParameters(includePrivateParameters: true);
        foreach (var secret in new[] { r.D!, r.P!, r.Q!, r.DP!, r.DQ!, r.InverseQ!, e.D! })
        {
            Assert.DoesNotContain(Jwt.Base64Url(secret), wire);
            Assert.DoesNotContain(Convert.ToBase64String(secret), wire);
            Assert.DoesNotContain(Convert.ToHexString(secret), wire, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var line in (rsaPem + "\n" + ecPem).Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, wire);
        }

        using var jwks = JsonDocument.Parse(JsonSerializer.Serialize(push.Request.Jwks));
        foreach (var jwk in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            Assert.All(jwk.EnumerateObject(), member => Assert.Contains(member.Name, new[] { "use", "kty", "kid", "alg", "n", "e", "crv", "x", "y" }));
        }
    }

    [Fact]
    public async Task AgentRunOnce_Exits2NamingTheFile_WhenTheKubeconfigIsMissing()
    {
        var (code, _, stderr) = await CliRun.RunAsync("agent", "run", "--once", "--publisher", "https://p.example.com", "--issuer", Issuer, "--kubeconfig", Dir.File("missing"));

        Assert.Equal(2, code);
        Assert.Equal($"issuersync: error: cannot load the Kubernetes configuration from --kubeconfig '{Dir.File("missing")}': kubeconfig file not found at {Dir.File("missing")}. Hint: run in a pod with a service account, or pass --kubeconfig (and --context)\n", stderr.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--max-attempts", "0", "--max-attempts 0 is out of range: give 1 to 20")]
    [InlineData("--interval", "5x", "--interval '5x' is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    [InlineData("--resync", "soon", "--resync 'soon' is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    public async Task AgentRun_Exits1WithTheFormat_WhenADurationIsMalformed(string option, string value, string expected)
    {
        var (code, _, stderr) = await CliRun.RunAsync("agent", "run", "--publisher", "https://p.example.com", "--issuer", Issuer, option, value);

        Assert.Equal(1, code);
        Assert.Contains(expected, stderr);
    }

    private Task<CliRun> RunOnceAsync() => CliRun.RunAsync(AgentWorld.AgentRun(World.OnceArgs()));
}
