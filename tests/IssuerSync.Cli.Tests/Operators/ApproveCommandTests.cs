using IssuerSync.Core.Rotation;

namespace IssuerSync.Cli.Tests.Operators;

public sealed class ApproveCommandTests : OperatorTest
{
    [Fact]
    public async Task Approve_PostsTheDocumentedRequest_WhenGivenAFingerprint()
    {
        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--operator", "alice");

        Assert.Equal(0, run.ExitCode);
        var request = OnlyRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/issuers/factory-1/approve", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal(FakeOperatorApi.FunctionKey, request.Headers["x-functions-key"]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["content-type"]);
        Assert.Equal("application/json", request.Headers["accept"]);
        Assert.False(request.Headers.ContainsKey("authorization"));
        Assert.Equal($"{{\"fingerprints\":[\"{FingerprintOf(KeyB)}\"],\"operator\":\"alice\"}}", request.Body);
    }

    [Fact]
    public async Task Approve_SendsLowercaseHexWithoutSeparators_WhenTheFingerprintHasColonsAndUpperCase()
    {
        var colons = string.Join(':', Enumerable.Range(0, 32).Select(i => FingerprintOf(KeyB).Substring(i * 2, 2).ToUpperInvariant()));

        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", colons, "--fingerprint", FingerprintOf(KeyB), "--operator", "alice");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{{\"fingerprints\":[\"{FingerprintOf(KeyB)}\"],\"operator\":\"alice\"}}", OnlyRequest().Body);
    }

    [Fact]
    public async Task Approve_RecordsUserAtHost_WhenNoOperatorIsGiven()
    {
        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{{\"fingerprints\":[\"{FingerprintOf(KeyB)}\"],\"operator\":\"{DefaultOperator}\"}}", OnlyRequest().Body);
    }

    [Fact]
    public async Task Approve_PrintsWhatChangedAndWhatWasPublished_WhenTheKeyIsApproved()
    {
        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--operator", "alice");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var published = string.Join(", ", new[] { KidA, KidB }.Order(StringComparer.Ordinal));
        Assert.Contains("issuersync approve factory-1", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ changed\s+│ yes: the issuer's key set changed\s+│", run.Stdout);
        Assert.Matches($@"│ published keys\s+│ {published}\s+│", run.Stdout);
        Assert.Matches(@"│ pending keys\s+│ none\s+│", run.Stdout);
        Assert.Matches(@"│ publish\s+│ published: the documents were written\s+│", run.Stdout);
        Assert.Matches(@"│   jwks\s+│ written\s+│", run.Stdout);
        Assert.Matches(@"│   discovery\s+│ written\s+│", run.Stdout);
        Assert.Equal(KeyStatus.Active, Publisher["factory-1"].State.Find(KidB)!.Status);
        AssertKeyNotPrinted(run);
    }

    [Fact]
    public async Task Approve_PrintsThePublishersJsonAsItIs_WhenOutputIsJson()
    {
        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--operator", "alice", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        var published = string.Join(",", new[] { KidA, KidB }.Order(StringComparer.Ordinal).Select(k => $"\"{k}\""));
        Assert.Equal(
            $"{{\"issuerId\":\"factory-1\",\"action\":\"approve\",\"changed\":true,\"published\":[{published}],\"pending\":[]," +
            "\"publish\":{\"status\":\"published\",\"documents\":[{\"name\":\"jwks\",\"status\":\"written\"},{\"name\":\"discovery\",\"status\":\"written\"}]}}" + Environment.NewLine,
            run.Stdout);
    }

    [Fact]
    public async Task Approve_ExitsZeroAndWarnsWithTheRepairCommand_WhenThePublishFailed()
    {
        Publisher.PublishFailure = "AuthorizationPermissionMismatch on https://oidcfactory1.blob.core.windows.net/oidc";

        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--operator", "alice");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("failed: AuthorizationPermissionMismatch on https://oidcfactory1.blob.core.windows.net/oidc", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            "issuersync: warning: the publisher recorded the change but did not publish the documents (AuthorizationPermissionMismatch on https://oidcfactory1.blob.core.windows.net/oidc); " +
            $"the next reconcile completes it, or run: issuersync publish-now --publisher {Publisher.Https} --issuer-id factory-1" + Environment.NewLine,
            run.Stderr);
    }

    public static TheoryData<string, string> MalformedFingerprints => new()
    {
        { new string('a', 63), "63 hex digits, a SHA-256 has 64" },
        { new string('a', 65), "65 hex digits, a SHA-256 has 64" },
        { string.Empty, "0 hex digits, a SHA-256 has 64" },
        { new string('g', 64), "'g' (U+0067) is not a hex digit" },
        { "sha256:" + new string('a', 64), "'s' (U+0073) is not a hex digit" },
        { "0x" + new string('a', 62), "'x' (U+0078) is not a hex digit" },
        { new string('a', 32) + " " + new string('a', 32), "' ' (U+0020) is not a hex digit" },
        { new string('a', 32) + "-" + new string('a', 32), "'-' (U+002D) is not a hex digit" },
        { new string('１', 64), "'１' (U+FF11) is not a hex digit" },
        { new string('a', 63) + "\n", "'\n' (U+000A) is not a hex digit" },
    };

    [Theory]
    [MemberData(nameof(MalformedFingerprints))]
    public async Task Approve_ExitsTwoAndSendsNothing_WhenAFingerprintIsNotSha256Hex(string fingerprint, string problem)
    {
        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--fingerprint", fingerprint, "--operator", "alice");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.StartsWith($"issuersync: error: --fingerprint '{fingerprint}': {problem}. Hint: copy the fingerprint `issuersync status` lists", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ali\nce")]
    public async Task Approve_ExitsTwoAndSendsNothing_WhenTheOperatorIsBlankOrHasAControlCharacter(string name)
    {
        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--operator", name);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.StartsWith($"issuersync: error: --operator '{name}': give 1 to 200 printable characters", run.Stderr, StringComparison.Ordinal);
    }
}
