using IssuerSync.Core.Rotation;

namespace IssuerSync.Cli.Tests.Operators;

public sealed class PublishNowCommandTests : OperatorTest
{
    [Fact]
    public async Task PublishNow_PostsAnEmptyBody_ToThePublishRoute()
    {
        var run = await Verb("publish-now", "--issuer-id", "factory-1");

        Assert.Equal(0, run.ExitCode);
        var request = OnlyRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/issuers/factory-1/publish", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal(FakeOperatorApi.FunctionKey, request.Headers["x-functions-key"]);
        Assert.Equal("0", request.Headers["content-length"]);
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task PublishNow_PrintsWrittenThenUnchanged_WhenRunTwice()
    {
        var first = await Verb("publish-now", "--issuer-id", "factory-1");
        var second = await Verb("publish-now", "--issuer-id", "factory-1");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"│ publish\s+│ published: the documents were written\s+│", first.Stdout);
        Assert.Matches(@"│   jwks\s+│ written\s+│", first.Stdout);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"│ changed\s+│ no: the issuer's key set was already so\s+│", second.Stdout);
        Assert.Matches(@"│ publish\s+│ unchanged: the served documents already matched\s+│", second.Stdout);
        Assert.Matches(@"│   jwks\s+│ unchanged\s+│", second.Stdout);
        Assert.Matches(@"│   discovery\s+│ unchanged\s+│", second.Stdout);
    }

    [Fact]
    public async Task PublishNow_SaysSkipped_WhenTheIssuerHasNoApprovedKey()
    {
        Publisher.Register("factory-2", (KeyB, KeyStatus.Pending));

        var run = await Verb("publish-now", "--issuer-id", "factory-2");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"│ publish\s+│ skipped: nothing to publish, the issuer has no approved key yet\s+│", run.Stdout);
        Assert.Matches($@"│ pending keys\s+│ {KidB}\s+│", run.Stdout);
    }

    [Fact]
    public async Task PublishNow_ExitsThreeWithTheMessage_WhenThePublishFailed()
    {
        Publisher.PublishFailure = "the target answered 403 AuthorizationPermissionMismatch";

        var run = await Verb("publish-now", "--issuer-id", "factory-1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("failed: the target answered 403 AuthorizationPermissionMismatch", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            "issuersync: error: the publisher could not publish the documents of issuer factory-1: the target answered 403 AuthorizationPermissionMismatch. " +
            "Hint: the previously published documents are intact; fix the cause and run publish-now again" + Environment.NewLine,
            run.Stderr);
    }

    [Fact]
    public async Task PublishNow_PrintsThePublishersJsonAsItIs_WhenOutputIsJson()
    {
        var run = await Verb("publish-now", "--issuer-id", "factory-1", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $"{{\"issuerId\":\"factory-1\",\"action\":\"publish\",\"changed\":false,\"published\":[\"{KidA}\"],\"pending\":[\"{KidB}\"]," +
            "\"publish\":{\"status\":\"published\",\"documents\":[{\"name\":\"jwks\",\"status\":\"written\"},{\"name\":\"discovery\",\"status\":\"written\"}]}}" + Environment.NewLine,
            run.Stdout);
    }
}
