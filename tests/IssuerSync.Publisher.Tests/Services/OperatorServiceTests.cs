using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Publisher.Tests.Services;

public sealed class OperatorServiceTests : IDisposable
{
    private readonly PublisherWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData("", "body_malformed")]
    [InlineData("null", "body_malformed")]
    [InlineData("[]", "body_malformed")]
    [InlineData("{\"fingerprints\": []}", "body_malformed")]
    [InlineData("{\"fingerprints\": [\"\"], \"operator\": \"alice\"}", "body_malformed")]
    [InlineData("{\"fingerprints\": \"abc\", \"operator\": \"alice\"}", "body_malformed")]
    [InlineData("{\"fingerprints\": [null], \"operator\": \"alice\"}", "body_malformed")]
    [InlineData("{\"fingerprints\": [\"ab\"]}", "operator_missing")]
    [InlineData("{\"fingerprints\": [\"ab\"], \"operator\": \" \"}", "operator_missing")]
    public async Task ApproveAsync_RefusesWith400_WhenTheBodyIsNotAnApproval(string body, string code)
    {
        await _world.PushAsync(StateWorld.Signer);
        var state = File.ReadAllBytes(_world.StateFile());

        var outcome = await _world.App.Operators.ApproveAsync("prod", Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, outcome.HttpStatus);
        Assert.Equal(code, (string?)JsonNode.Parse(outcome.ToJson())!["error"]);
        Assert.Equal(state, File.ReadAllBytes(_world.StateFile()));
    }

    [Fact]
    public async Task ApproveAsync_Answers404_ForAnUnknownIssuer()
    {
        var outcome = await _world.App.Operators.ApproveAsync("nope", PublisherWorld.Approval("ab"));

        Assert.Equal(404, outcome.HttpStatus);
        var json = JsonNode.Parse(outcome.ToJson())!;
        Assert.Equal("issuer_unknown", (string?)json["error"]);
        Assert.Equal("no issuer is registered with id 'nope': registered ids are prod, edge", (string?)json["message"]);
    }

    [Fact]
    public async Task ApproveAsync_Answers409AndPublishesNothing_ForAFingerprintOfNoPendingKey()
    {
        await _world.PushAsync(StateWorld.Signer);

        var outcome = await _world.App.Operators.ApproveAsync("prod", PublisherWorld.Approval(StateWorld.Key(TestKeys.Ec()).Fingerprint));

        Assert.Equal(409, outcome.HttpStatus);
        Assert.Equal("unknown_fingerprint", (string?)JsonNode.Parse(outcome.ToJson())!["error"]);
        Assert.False(File.Exists(_world.JwksFile()));
    }

    [Fact]
    public async Task ApproveAsync_AcceptsAFingerprintWithColonsAndUpperCase()
    {
        await _world.PushAsync(StateWorld.Signer);
        var fingerprint = StateWorld.Key(StateWorld.Signer).Fingerprint.ToUpperInvariant();
        var colons = string.Join(":", Enumerable.Range(0, fingerprint.Length / 2).Select(i => fingerprint.Substring(i * 2, 2)));

        var outcome = await _world.App.Operators.ApproveAsync("prod", PublisherWorld.Approval(colons));

        Assert.Equal(200, outcome.HttpStatus);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer), _world.Served());
    }

    [Fact]
    public async Task RevokeAsync_WithdrawsTheKeyFromTheServedJwksAtOnce()
    {
        await _world.EnrolAsync();
        var next = TestKeys.Ec();
        await _world.PushAsync(StateWorld.Signer, next);

        var outcome = await _world.App.Operators.RevokeAsync("prod", Encoding.UTF8.GetBytes($$"""{"kid": "{{TestKeys.ExpectedKid(next)}}", "operator": "alice"}"""));

        Assert.Equal(200, outcome.HttpStatus);
        var json = JsonNode.Parse(outcome.ToJson())!;
        Assert.Equal("revoke", (string?)json["action"]);
        Assert.True((bool)json["changed"]!);
        Assert.Equal("published", (string?)json["publish"]!["status"]);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer), _world.Served());
    }

    [Fact]
    public async Task RevokeAsync_Answers409_ForTheLatestSigningKeyWithoutConfirmation()
    {
        await _world.EnrolAsync();
        await _world.PushAsync(StateWorld.Signer, TestKeys.Ec());
        var served = _world.Served();

        var outcome = await _world.App.Operators.RevokeAsync("prod", Encoding.UTF8.GetBytes($$"""{"kid": "{{TestKeys.ExpectedKid(StateWorld.Signer)}}", "operator": "alice"}"""));

        Assert.Equal(409, outcome.HttpStatus);
        Assert.Equal("signing_key_needs_confirmation", (string?)JsonNode.Parse(outcome.ToJson())!["error"]);
        Assert.Equal(served, _world.Served());
    }

    [Fact]
    public async Task PublishNowAsync_RestoresADeletedJwks()
    {
        await _world.EnrolAsync();
        File.Delete(_world.JwksFile());

        var outcome = await _world.App.Operators.PublishNowAsync("prod");

        Assert.Equal(200, outcome.HttpStatus);
        Assert.Equal("published", (string?)JsonNode.Parse(outcome.ToJson())!["publish"]!["status"]);
        Assert.Equal(PublisherWorld.JwksOf(StateWorld.Signer), _world.Served());
    }

    [Fact]
    public async Task PublishNowAsync_Answers502WithTheCause_WhenTheTargetCannotBeWritten()
    {
        await _world.EnrolAsync();
        File.Delete(_world.JwksFile());
        Directory.CreateDirectory(_world.JwksFile());

        var outcome = await _world.App.Operators.PublishNowAsync("prod");

        Assert.Equal(502, outcome.HttpStatus);
        var json = JsonNode.Parse(outcome.ToJson())!;
        Assert.Equal("publish_failed", (string?)json["error"]);
        Assert.Contains(_world.JwksFile(), (string?)json["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusAsync_ShowsKeysPendingFingerprintsLastPushAndStaleness()
    {
        await _world.PushAsync(StateWorld.Signer);

        var pending = JsonNode.Parse((await _world.App.Operators.StatusAsync("prod")).ToJson())!;
        await _world.App.Operators.ApproveAsync("prod", PublisherWorld.Approval(StateWorld.Key(StateWorld.Signer).Fingerprint));
        _world.Clock.Advance(TimeSpan.FromHours(3));
        var stale = JsonNode.Parse((await _world.App.Operators.StatusAsync("prod")).ToJson())!;
        var never = JsonNode.Parse((await _world.App.Operators.StatusAsync("edge")).ToJson())!;

        Assert.Equal(StateWorld.Key(StateWorld.Signer).Fingerprint, (string?)pending["pending"]![0]!["fingerprint"]);
        Assert.Equal("pending", (string?)pending["keys"]![0]!["status"]);
        Assert.False((bool)pending["stale"]!);
        Assert.Equal(StateWorld.Now, (DateTimeOffset)pending["lastPushAt"]!);
        Assert.Equal("active", (string?)stale["keys"]![0]!["status"]);
        Assert.Equal(TestKeys.ExpectedKid(StateWorld.Signer), (string?)stale["lastPublish"]!["kids"]![0]);
        Assert.True((bool)stale["stale"]!);
        Assert.Equal("02:00:00", (string?)stale["staleAfter"]);
        Assert.True((bool)never["stale"]!);
        Assert.Null(never["lastPushAt"]);
    }

    [Fact]
    public async Task StatusAsync_ShowsSinceWhenTheLatestSigningKeySigns_FromItsFirstTrustedPush()
    {
        await _world.EnrolAsync();
        var enrolled = JsonNode.Parse((await _world.App.Operators.StatusAsync("prod")).ToJson())!;
        var firstTrusted = _world.Clock.GetUtcNow();
        Assert.Equal(200, (await _world.PushAsync(StateWorld.Signer)).HttpStatus);
        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(200, (await _world.PushAsync(StateWorld.Signer)).HttpStatus);

        var status = JsonNode.Parse((await _world.App.Operators.StatusAsync("prod")).ToJson())!;

        Assert.Null(enrolled["latestSigningSince"]);
        Assert.Equal(TestKeys.ExpectedKid(StateWorld.Signer), (string?)status["latestSigningKid"]);
        Assert.Equal(firstTrusted, (DateTimeOffset)status["latestSigningSince"]!);
    }
}
