using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Agent.Push;
using IssuerSync.Core;
using IssuerSync.Core.Push;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Agent.Tests.Push;

/// <summary>
/// A publisher (or anything in front of it) that answers a redirect never gets the token, the
/// function key or the body sent on to the Location: two real loopback servers, the second records
/// whether it was reached.
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private FakePushEndpoint _origin = null!;
    private FakePushEndpoint _elsewhere = null!;

    public static TheoryData<HttpStatusCode> Redirects => new()
    {
        HttpStatusCode.MovedPermanently,
        HttpStatusCode.Found,
        HttpStatusCode.SeeOther,
        HttpStatusCode.TemporaryRedirect,
        HttpStatusCode.PermanentRedirect,
    };

    public async Task InitializeAsync()
    {
        _origin = await FakePushEndpoint.StartAsync();
        _elsewhere = await FakePushEndpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _elsewhere.DisposeAsync();
        _dir.Dispose();
    }

    [Theory]
    [MemberData(nameof(Redirects))]
    public async Task PushAsync_RefusesNamingTheLocation_AndNeverReachesIt_WhenThePublisherRedirects(HttpStatusCode status)
    {
        var location = new Uri(_elsewhere.BaseUri, "api/PushKeys").ToString();
        _origin.Redirect(status, location);
        using var http = PushHttpClient.Create();
        var time = new TestTimeProvider();
        var client = new PushClient(http, PublisherEndpoint.Parse(_origin.BaseUri.ToString()), new PushClientOptions { FunctionKey = "fn-key" }, time, NullLogger.Instance);

        using var key = TestKeys.Rsa();

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => client.PushAsync(Body(key, PushProtocol.SourceLive), _ => Task.FromResult("token-1")));

        Assert.Contains($"answered {(int)status} redirecting to {location}", error.Message);
        Assert.Contains("follows no redirect", error.Message);
        Assert.Single(_origin.Pushes);
        Assert.Empty(_elsewhere.Pushes);
        Assert.Empty(time.Delays);
    }

    [Theory]
    [MemberData(nameof(Redirects))]
    public async Task AgentRunOnce_Exits2NamingTheLocation_AndSendsNothingThere_WhenThePublisherRedirects(HttpStatusCode status)
    {
        using var key = TestKeys.Rsa();
        var location = new Uri(_elsewhere.BaseUri, "api/PushKeys").ToString();
        _origin.Redirect(status, location);

        var (code, _, stderr) = await CliRun.RunAsync(
            "agent", "run", "--once", "--max-attempts", "1", "--publisher", _origin.BaseUri.ToString(), "--issuer", "https://oidc.example.com/cluster1",
            "--key-file", _dir.Write("sa.pub", TestKeys.PublicPem(key)), "--token-file", _dir.Write("token", "t"),
            "--function-key-file", _dir.Write("fn", "fn-key"));

        Assert.Equal(2, code);
        Assert.Contains($"issuersync: error: the publisher at {_origin.BaseUri}api/PushKeys answered {(int)status} redirecting to {location}", stderr);
        Assert.Single(_origin.Pushes);
        Assert.Empty(_elsewhere.Pushes);
    }

    [Fact]
    public async Task Push_Exits2AndSendsTheBundleNowhereElse_WhenThePublisherRedirects()
    {
        var location = new Uri(_elsewhere.BaseUri, "api/PushKeys").ToString();
        _origin.Redirect(HttpStatusCode.TemporaryRedirect, location);
        using var key = TestKeys.Rsa();
        var bundle = _dir.Write("bundle.json", new PushBundle
        {
            Token = Jwt.Sign(key, "kid", new JsonObject { ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() }),
            Push = Body(key, PushProtocol.SourceBundle),
        }.ToJson());

        var (code, _, stderr) = await CliRun.RunAsync("push", bundle, "--max-attempts", "1", "--publisher", _origin.BaseUri.ToString());

        Assert.True(code == 2, stderr);
        Assert.True(stderr.Contains($"issuersync: error: the publisher at {_origin.BaseUri}api/PushKeys answered 307 redirecting to {location}", StringComparison.Ordinal), stderr);
        Assert.Single(_origin.Pushes);
        Assert.Empty(_elsewhere.Pushes);
    }

    private static PushRequest Body(RSA key, string source)
    {
        var p = key.ExportParameters(false);
        var jwk = new JsonObject { ["use"] = "sig", ["kty"] = "RSA", ["kid"] = TestKeys.ExpectedKid(key), ["alg"] = "RS256", ["n"] = Jwt.Base64Url(p.Modulus), ["e"] = Jwt.Base64Url(p.Exponent) };
        return new PushRequest
        {
            Issuer = "https://oidc.example.com/cluster1",
            Jwks = JsonDocument.Parse(new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString()).RootElement.Clone(),
            ObservedAt = DateTimeOffset.UtcNow,
            AgentVersion = "test",
            Source = source,
        };
    }
}
