using System.Net;
using System.Text;
using System.Text.Json;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary><c>push --output json</c>: the publisher's answer as a script reads it from stdout, against a loopback publisher.</summary>
public sealed class PushJsonOutputTests : IAsyncLifetime
{
    private const string Issuer = "https://oidc.example.com/cluster1";
    private readonly TempDirectory _temp = new();
    private PushPublisher _publisher = null!;

    public async Task InitializeAsync() => _publisher = await PushPublisher.StartAsync();

    public async Task DisposeAsync()
    {
        await _publisher.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task PushJson_PrintsStatusKidsAndPublishSummary_WhenThePublisherAccepts()
    {
        using var rsa = TestKeys.Rsa();
        var kid = TestKeys.ExpectedKid(rsa);
        var bundle = Bundle(rsa);
        _publisher.Answer = new PushResponse
        {
            Status = "accepted",
            Changed = true,
            Published = [kid],
            Publish = new PublishSummary { Status = PublishSummary.Published, Documents = [new("jwks", "written"), new("discovery", "unchanged")], Kids = [kid] },
        };

        var run = await CliRun.InvokeAsync("push", bundle, "--publisher", _publisher.BaseUri, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var answer = json.RootElement;
        Assert.Equal(bundle, answer.GetProperty("bundle").GetString());
        Assert.Equal(Issuer, answer.GetProperty("issuer").GetString());
        Assert.Equal("accepted", answer.GetProperty("status").GetString());
        Assert.Equal(200, answer.GetProperty("httpStatus").GetInt32());
        Assert.Equal(1, answer.GetProperty("attempts").GetInt32());
        Assert.True(answer.GetProperty("changed").GetBoolean());
        Assert.Equal([kid], Strings(answer.GetProperty("published")));
        Assert.Empty(Strings(answer.GetProperty("pending")));
        var publish = answer.GetProperty("publish");
        Assert.Equal("published", publish.GetProperty("status").GetString());
        Assert.Equal(
            [("jwks", "written"), ("discovery", "unchanged")],
            publish.GetProperty("documents").EnumerateArray().Select(d => (d.GetProperty("name").GetString(), d.GetProperty("status").GetString())));
        Assert.Equal([kid], Strings(publish.GetProperty("kids")));
        Assert.Equal("/api/PushKeys", Assert.Single(_publisher.Pushes).Path);
    }

    [Fact]
    public async Task PushJson_SaysPendingWithThePendingKids_AndAPublishOfNull_WhenTheKeysAwaitApproval()
    {
        using var rsa = TestKeys.Rsa();
        var kid = TestKeys.ExpectedKid(rsa);
        _publisher.Status = HttpStatusCode.Accepted;
        _publisher.Answer = new PushResponse { Status = "pending", Changed = true, Pending = [kid] };

        var run = await CliRun.InvokeAsync("push", Bundle(rsa), "--publisher", _publisher.BaseUri, "-o", "json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("pending", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(202, json.RootElement.GetProperty("httpStatus").GetInt32());
        Assert.Equal([kid], Strings(json.RootElement.GetProperty("pending")));
        Assert.Empty(Strings(json.RootElement.GetProperty("published")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("publish").ValueKind);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "token_signature_invalid", "the token's signature does not verify with the issuer's trusted keys")]
    [InlineData(HttpStatusCode.Forbidden, "issuer_unknown", "no issuer is registered for https://oidc.example.com/cluster1")]
    [InlineData(HttpStatusCode.Conflict, "token_replayed", "this token was already used with another body")]
    public async Task PushJson_PrintsTheRefusalOnStdout_AndExits2_WhenThePublisherRefuses(HttpStatusCode status, string error, string message)
    {
        using var rsa = TestKeys.Rsa();
        _publisher.Status = status;
        _publisher.Answer = new PushResponse { Error = error, Message = message };

        var run = await CliRun.InvokeAsync("push", Bundle(rsa), "--publisher", _publisher.BaseUri, "--output", "json");

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var refusal = json.RootElement;
        Assert.Equal(("refused", (int)status, error, message), (refusal.GetProperty("status").GetString(), refusal.GetProperty("httpStatus").GetInt32(), refusal.GetProperty("error").GetString(), refusal.GetProperty("message").GetString()));
        Assert.Equal(1, refusal.GetProperty("attempts").GetInt32());
        Assert.Contains($"\nissuersync: error: the publisher refused the push with {(int)status} {status} ({error}): {message}", run.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_PrintsOneLine_WithoutOutputJson()
    {
        using var rsa = TestKeys.Rsa();
        var kid = TestKeys.ExpectedKid(rsa);
        var bundle = Bundle(rsa);
        _publisher.Answer = new PushResponse { Status = "accepted", Changed = true, Published = [kid] };

        var run = await CliRun.InvokeAsync("push", bundle, "--publisher", _publisher.BaseUri);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal($"pushed {bundle} for {Issuer}: accepted, published {kid}{Environment.NewLine}", run.Stdout);
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>A bundle as <c>agent export</c> writes it, with a token that is unsigned (the loopback publisher does not check it) and expires in an hour.</summary>
    private string Bundle(System.Security.Cryptography.AsymmetricAlgorithm key)
    {
        var jwks = JwksDocument.Build(KeySet.Create(KeyFileParser.Parse(Encoding.UTF8.GetBytes(TestKeys.PublicPem(key)), "sa.pub")));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var token = $"{Base64Url("{\"alg\":\"RS256\"}")}.{Base64Url($"{{\"exp\":{exp}}}")}.c2ln";
        using var document = JsonDocument.Parse(jwks);
        var bundle = new PushBundle
        {
            Token = token,
            Push = new PushRequest { Issuer = Issuer, Jwks = document.RootElement.Clone(), ObservedAt = DateTimeOffset.UtcNow, AgentVersion = "test", Source = PushProtocol.SourceBundle },
        };
        return _temp.Write("bundle.json", Encoding.UTF8.GetString(bundle.ToJson()));
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
