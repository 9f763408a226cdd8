using IssuerSync.Core.Rotation;

namespace IssuerSync.Cli.Tests.Operators;

/// <summary>Every refusal of docs/publisher-api.md, on every verb: exit 3 with the publisher's code and message.</summary>
public sealed class RefusalTests : OperatorTest
{
    private static readonly (int Status, string Code)[] Documented =
    [
        (400, "body_malformed"), (400, "operator_missing"), (404, "issuer_unknown"),
        (409, "nothing_to_approve"), (409, "unknown_fingerprint"), (409, "unknown_kid"), (409, "already_revoked"),
        (409, "signing_key_needs_confirmation"), (409, "would_empty_published_set"),
        (500, "internal_error"), (503, "state_unavailable"), (503, "state_conflict"),
    ];

    public static TheoryData<string, int, string> EveryVerbAndRefusal()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var verb in new[] { "approve", "revoke", "status", "publish-now" })
        {
            foreach (var (status, code) in Documented)
            {
                data.Add(verb, status, code);
            }
        }

        return data;
    }

    private string[] ArgsOf(string verb) => verb switch
    {
        "approve" => ["--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--operator", "alice"],
        "revoke" => ["--issuer-id", "factory-1", "--kid", KidB, "--operator", "alice"],
        _ => ["--issuer-id", "factory-1"],
    };

    [Theory]
    [MemberData(nameof(EveryVerbAndRefusal))]
    public async Task Verb_ExitsThreeWithTheCodeAndMessage_WhenThePublisherRefuses(string verb, int status, string code)
    {
        var message = $"why {code} happened and what to do";
        Publisher.Override = FakeOperatorApi.Refusal(status, code, message);

        var run = await Verb(verb, ArgsOf(verb));

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("issuersync: error: the publisher refused ", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith($" factory-1: {status} {code}: {message}" + Environment.NewLine, run.Stderr, StringComparison.Ordinal);
        AssertKeyNotPrinted(run);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("revoke")]
    [InlineData("status")]
    [InlineData("publish-now")]
    public async Task Verb_PrintsTheRefusalJsonToo_WhenOutputIsJson(string verb)
    {
        Publisher.Override = FakeOperatorApi.Refusal(503, "state_unavailable", "the state store is throttling: retry with backoff");

        var run = await Verb(verb, [.. ArgsOf(verb), "--output", "json"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("{\"error\":\"state_unavailable\",\"message\":\"the state store is throttling: retry with backoff\"}" + Environment.NewLine, run.Stdout);
        Assert.EndsWith(": 503 state_unavailable: the state store is throttling: retry with backoff" + Environment.NewLine, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ExitsThreeWithUnknownFingerprint_WhenTheFingerprintIsOfAnActiveKey()
    {
        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyA), "--operator", "alice");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"issuersync: error: the publisher refused approve for issuer factory-1: 409 unknown_fingerprint: fingerprint '{FingerprintOf(KeyA)}' matches no pending key", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(KeyStatus.Pending, Publisher["factory-1"].State.Find(KidB)!.Status);
    }

    [Fact]
    public async Task Approve_ExitsThreeWithNothingToApprove_WhenNoKeyIsPending()
    {
        Publisher.Register("factory-2", (KeyA, KeyStatus.Active));

        var run = await Verb("approve", "--issuer-id", "factory-2", "--fingerprint", FingerprintOf(KeyB), "--operator", "alice");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("issuersync: error: the publisher refused approve for issuer factory-2: 409 nothing_to_approve: issuer https://oidcfactory2.blob.core.windows.net/oidc has no pending key", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("revoke")]
    [InlineData("status")]
    [InlineData("publish-now")]
    public async Task Verb_ExitsThreeWithIssuerUnknown_WhenNoIssuerHasTheId(string verb)
    {
        var args = ArgsOf(verb);
        args[1] = "factory-9";

        var run = await Verb(verb, args);

        Assert.Equal(3, run.ExitCode);
        Assert.EndsWith(" factory-9: 404 issuer_unknown: no issuer is registered with id 'factory-9': check the publisher's IssuerSync__Issuers settings" + Environment.NewLine, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ExitsThreeWithUnknownKid_WhenTheKidIsNotTheIssuers()
    {
        var run = await Verb("revoke", "--issuer-id", "factory-1", "--kid", "not-a-kid", "--operator", "alice");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("issuersync: error: the publisher refused revoke of not-a-kid for issuer factory-1: 409 unknown_kid: kid 'not-a-kid' is not a key of issuer", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ExitsThreeWithAlreadyRevoked_WhenRevokedTwice()
    {
        var first = await Verb("revoke", "--issuer-id", "factory-1", "--kid", KidB, "--operator", "alice");
        var second = await Verb("revoke", "--issuer-id", "factory-1", "--kid", KidB, "--operator", "alice");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(3, second.ExitCode);
        Assert.Contains(": 409 already_revoked: kid ", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ExitsThreeWithWouldEmpty_WhenTheKidIsTheOnlyPublishedKey()
    {
        Publisher.Register("factory-2", (KeyA, KeyStatus.Active));

        var run = await Verb("revoke", "--issuer-id", "factory-2", "--kid", KidA, "--confirm-signing-key", "--operator", "alice");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(": 409 would_empty_published_set: kid ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(KeyStatus.Active, Publisher["factory-2"].State.Find(KidA)!.Status);
    }

    [Fact]
    public async Task Verb_ExitsThreeNamingTheKeyProblem_WhenTheFunctionKeyIsWrong()
    {
        var wrong = Temp.Write("push.key", "the-PushKeys-key");

        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Https, "--ca-cert", CaFile, "--function-key-file", wrong);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            "issuersync: error: the publisher answered status with 401 Unauthorized: the function key was not accepted. Hint: give the key of the operator functions " +
            "(Approve, Revoke, PublishNow, Status; not the PushKeys key) with --function-key-file or $ISSUERSYNC_FUNCTION_KEY" + Environment.NewLine,
            run.Stderr);
        Assert.DoesNotContain("the-PushKeys-key", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.Equal("the-PushKeys-key", OnlyRequest().Headers["x-functions-key"]);
    }

    [Fact]
    public async Task Verb_ExitsThreeWithNoSuchRoute_WhenThePublisherUrlIsNotTheBase()
    {
        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Https + "/elsewhere", "--ca-cert", CaFile, "--function-key-file", KeyFile);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("/elsewhere/api/issuers", OnlyRequest().Path);
        Assert.StartsWith("issuersync: error: the publisher answered status with 404 NotFound: no such route. Hint: pass the publisher's base URL as --publisher", run.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<int, string?, string, string> NotTheApi => new()
    {
        { 502, "<html><body>Bad gateway</body></html>", "text/html", "the publisher answered status of issuer factory-1 with 502 BadGateway (body: <html><body>Bad gateway</body></html>): not an answer of the IssuerSync publisher API" },
        { 500, null, "text/plain", "the publisher answered status of issuer factory-1 with 500 InternalServerError: not an answer of the IssuerSync publisher API" },
        { 409, "{\"message\":\"no code\"}", "application/json", "the publisher answered status of issuer factory-1 with 409 Conflict (body: {\"message\":\"no code\"}): not an answer" },
        { 200, "<html>login</html>", "text/html", "the publisher answered status of issuer factory-1 with 200 OK but not with a JSON object (" },
        { 200, "[]", "application/json", "the publisher answered status of issuer factory-1 with 200 OK but not with a JSON object (not an object)" },
        { 200, "", "application/json", "the publisher answered status of issuer factory-1 with 200 OK but not with a JSON object (" },
        { 200, new string(' ', 1024 * 1024) + "{}", "application/json", "the publisher's answer to status of issuer factory-1 is larger than 1024 KiB" },
    };

    [Theory]
    [MemberData(nameof(NotTheApi))]
    public async Task Status_ExitsThreeNamingWhatCameBack_WhenTheAnswerIsNotThePublishersApi(int status, string? body, string contentType, string message)
    {
        Publisher.Override = new FakeOperatorApi.Answer(status, body, contentType);

        var run = await Verb("status", "--issuer-id", "factory-1");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("issuersync: error: " + message, run.Stderr, StringComparison.Ordinal);
    }
}
