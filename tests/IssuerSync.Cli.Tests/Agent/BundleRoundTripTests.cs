using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Core.Push;
using IssuerSync.Testing.Agent;
using IssuerSync.Testing.Cluster;

namespace IssuerSync.Cli.Tests.Agent;

public sealed class BundleRoundTripTests : AgentWorldTests
{
    [Fact]
    public async Task ExportThenPush_SendsTheBundledPushAndTokenUnchanged_FromAConnectedHost()
    {
        var bundlePath = Dir.File("bundle.json");

        var export = await CliRun.RunAsync(World.ExportArgs(bundlePath, "--token-expiration", "24h"));
        var push = await CliRun.RunAsync("push", bundlePath, "--publisher", Publisher.BaseUri.ToString());

        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.True(push.ExitCode == 0, push.Stderr);
        Assert.Equal(86400, Assert.Single(Api.TokenRequests).ExpirationSeconds);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(bundlePath));
        }

        var bundle = PushBundle.FromJson(File.ReadAllBytes(bundlePath));
        Assert.Equal((PushProtocol.BundleVersion, PushProtocol.SourceBundle, Issuer), (bundle.Version, bundle.Push.Source, bundle.Push.Issuer));
        var recorded = Assert.Single(Publisher.Pushes);
        Assert.Equal(bundle.Push.ToJson(), recorded.Body);
        Assert.Equal(bundle.Token, recorded.Bearer);
        Assert.True(Jwt.Verify(recorded.Bearer!, Api.Keys[0]));
        Assert.Equal([Api.KidOf(Api.Keys[0])], recorded.Kids);
        Assert.Equal($"pushed {bundlePath} for {Issuer}: accepted, published {Api.KidOf(Api.Keys[0])}\n", push.Stdout.ReplaceLineEndings("\n"));
        var expiry = DateTimeOffset.FromUnixTimeSeconds((long)Jwt.Claims(bundle.Token)["exp"]!);
        Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        Assert.StartsWith($"wrote {bundlePath}: 1 key(s) ({Api.KidOf(Api.Keys[0])}) for {Issuer}, token expires at {expiry:u}; keep the file private", export.Stdout);
        Assert.DoesNotContain(bundle.Token, export.Stdout + export.Stderr + push.Stdout + push.Stderr);
    }

    [Fact]
    public async Task Export_SaysTheTokenIsShorterThanAsked_WhenTheApiServerCapsItsLifetime()
    {
        Api.MaxExpirationSeconds = 3600;

        var (code, stdout, stderr) = await CliRun.RunAsync(World.ExportArgs(Dir.File("b.json"), "--token-expiration", "24h"));

        Assert.True(code == 0, stderr);
        Assert.Contains("(shorter than the 24h asked: the API server caps tokens at its --service-account-max-token-expiration)", stdout);
    }

    [Fact]
    public async Task Export_AsksForATokenThePublishersDefaultRegistrationAccepts_WhenNoLifetimeIsGiven()
    {
        var defaults = new IssuerSync.Core.Registration.IssuerRegistration { Id = "c", Issuer = Issuer, Target = "dir:/srv", AgentSubject = "system:serviceaccount:a:b" };

        var (code, stdout, stderr) = await CliRun.RunAsync(World.ExportArgs(Dir.File("b.json")));

        Assert.True(code == 0, stderr);
        var asked = TimeSpan.FromSeconds(Assert.Single(Api.TokenRequests).ExpirationSeconds);
        Assert.Equal(TimeSpan.FromHours(1), asked);
        Assert.True(asked <= defaults.MaxTokenLifetime, $"agent export asks for {asked}, the default registration accepts {defaults.MaxTokenLifetime}");
        Assert.Single(stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("24h", "note: the publisher accepts this 24h token only if the issuer's MaxTokenLifetime is at least that (default 1h): set IssuerSync__Issuers__N__MaxTokenLifetime=1.00:00:00 on the publisher, or export with --token-expiration 1h")]
    [InlineData("90m", "note: the publisher accepts this 90m token only if the issuer's MaxTokenLifetime is at least that (default 1h): set IssuerSync__Issuers__N__MaxTokenLifetime=01:30:00 on the publisher, or export with --token-expiration 1h")]
    public async Task Export_SaysWhichPublisherSettingToRaise_WhenTheTokenOutlivesTheDefaultMaxTokenLifetime(string lifetime, string note)
    {
        var (code, stdout, stderr) = await CliRun.RunAsync(World.ExportArgs(Dir.File("b.json"), "--token-expiration", lifetime));

        Assert.True(code == 0, stderr);
        var lines = stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(note, lines[1]);
    }

    [Fact]
    public async Task Push_Exits2WithoutSending_WhenTheBundlesTokenHasExpired()
    {
        var bundlePath = Bundle(token: Jwt.Sign(Api.Keys[0], "kid", new JsonObject { ["exp"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds() }));

        var (code, _, stderr) = await CliRun.RunAsync("push", bundlePath, "--publisher", Publisher.BaseUri.ToString());

        Assert.Equal(2, code);
        Assert.Contains($"issuersync: error: bundle '{bundlePath}': carries a token that expired at", stderr);
        Assert.Contains("Hint: export a fresh bundle", stderr);
        Assert.Empty(Publisher.Pushes);
    }

    [Fact]
    public async Task Push_Exits2WithoutSending_WhenTheBundlesJwksHoldsAPrivateMember()
    {
        var bundlePath = Bundle(extraJwkMember: ("d", "c2VjcmV0"));

        var (code, _, stderr) = await CliRun.RunAsync("push", bundlePath, "--publisher", Publisher.BaseUri.ToString());

        Assert.Equal(2, code);
        Assert.Contains("holds a JWKS that will not be pushed", stderr);
        Assert.Contains("has the private member 'd'", stderr);
        Assert.Empty(Publisher.Pushes);
    }

    [Fact]
    public async Task Push_RetriesAndExits2_WhenThePublisherStaysDown()
    {
        Publisher.Reply(HttpStatusCode.ServiceUnavailable, times: 2);

        var (code, _, stderr) = await CliRun.RunAsync("push", Bundle(), "--publisher", Publisher.BaseUri.ToString(), "--max-attempts", "1");

        Assert.Equal(2, code);
        Assert.Single(Publisher.Pushes);
        Assert.Contains("failed 1 time, the last with 503 ServiceUnavailable", stderr);
    }

    private string Bundle(string? token = null, (string Name, string Value)? extraJwkMember = null)
    {
        var key = Api.Keys[0];
        var p = ((System.Security.Cryptography.RSA)key).ExportParameters(false);
        var jwk = new JsonObject { ["use"] = "sig", ["kty"] = "RSA", ["kid"] = Api.KidOf(key), ["alg"] = "RS256", ["n"] = Jwt.Base64Url(p.Modulus), ["e"] = Jwt.Base64Url(p.Exponent) };
        if (extraJwkMember is { } extra)
        {
            jwk[extra.Name] = extra.Value;
        }

        var bundle = new PushBundle
        {
            Token = token ?? Jwt.Sign(key, Api.KidOf(key), new JsonObject { ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() }),
            Push = new PushRequest
            {
                Issuer = Issuer,
                Jwks = JsonDocument.Parse(new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString()).RootElement.Clone(),
                ObservedAt = DateTimeOffset.UtcNow,
                AgentVersion = "test",
                Source = PushProtocol.SourceBundle,
            },
        };
        return Dir.Write($"bundle-{Guid.NewGuid():N}.json", bundle.ToJson());
    }
}
