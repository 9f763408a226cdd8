using IssuerSync.Core.Rotation;

namespace IssuerSync.Cli.Tests.Operators;

public sealed class RevokeCommandTests : OperatorTest
{
    [Fact]
    public async Task Revoke_PostsTheDocumentedRequest_WhenGivenAKid()
    {
        var run = await Verb("revoke", "--issuer-id", "factory-1", "--kid", KidB, "--operator", "alice");

        Assert.Equal(0, run.ExitCode);
        var request = OnlyRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/issuers/factory-1/revoke", request.Path);
        Assert.Equal(FakeOperatorApi.FunctionKey, request.Headers["x-functions-key"]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["content-type"]);
        Assert.Equal($"{{\"kid\":\"{KidB}\",\"confirmSigningKey\":false,\"operator\":\"alice\"}}", request.Body);
        Assert.Equal(KeyStatus.Revoked, Publisher["factory-1"].State.Find(KidB)!.Status);
    }

    [Fact]
    public async Task Revoke_SendsConfirmSigningKeyTrue_WhenTheFlagIsGiven()
    {
        Publisher.Register("factory-2", (KeyA, KeyStatus.Active), (KeyB, KeyStatus.Retained));

        var run = await Verb("revoke", "--issuer-id", "factory-2", "--kid", KidA, "--confirm-signing-key", "--operator", "alice");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{{\"kid\":\"{KidA}\",\"confirmSigningKey\":true,\"operator\":\"alice\"}}", OnlyRequest().Body);
        Assert.Matches($@"│ published keys\s+│ {KidB}\s+│", run.Stdout);
        Assert.Matches(@"│ publish\s+│ published: the documents were written\s+│", run.Stdout);
    }

    [Fact]
    public async Task Revoke_ExitsThreeWithThePolicysCodeAndMessage_WhenTheKidSignedTheLatestPushAndIsNotConfirmed()
    {
        Publisher.Register("factory-2", (KeyA, KeyStatus.Active), (KeyB, KeyStatus.Retained));

        var run = await Verb("revoke", "--issuer-id", "factory-2", "--kid", KidA, "--operator", "alice");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            $"issuersync: error: the publisher refused revoke of {KidA} for issuer factory-2: 409 signing_key_needs_confirmation: kid '{KidA}' signed the latest accepted push of issuer https://oidcfactory2.blob.core.windows.net/oidc: " +
            "revoking it refuses the agent's next pushes until the cluster signs with another trusted key; confirm explicitly to revoke it anyway" + Environment.NewLine,
            run.Stderr);
        Assert.Equal(KeyStatus.Active, Publisher["factory-2"].State.Find(KidA)!.Status);
    }

    [Fact]
    public async Task Revoke_PrintsThePublishersJsonAsItIs_WhenOutputIsJson()
    {
        var run = await Verb("revoke", "--issuer-id", "factory-1", "--kid", KidB, "--operator", "alice", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $"{{\"issuerId\":\"factory-1\",\"action\":\"revoke\",\"changed\":true,\"published\":[\"{KidA}\"],\"pending\":[]," +
            "\"publish\":{\"status\":\"published\",\"documents\":[{\"name\":\"jwks\",\"status\":\"written\"},{\"name\":\"discovery\",\"status\":\"written\"}]}}" + Environment.NewLine,
            run.Stdout);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("kid\r\n")]
    public async Task Revoke_ExitsTwoAndSendsNothing_WhenTheKidIsBlankOrHasAControlCharacter(string kid)
    {
        var run = await Verb("revoke", "--issuer-id", "factory-1", "--kid", kid, "--operator", "alice");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.Equal($"issuersync: error: --kid '{kid}': give the kid as `issuersync status` lists it" + Environment.NewLine, run.Stderr);
    }
}
