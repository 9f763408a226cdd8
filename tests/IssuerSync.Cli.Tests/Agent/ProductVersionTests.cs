using IssuerSync.Agent;
using IssuerSync.Testing;
using IssuerSync.Testing.Push;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary>One version for the whole product: what <c>issuersync --version</c> prints is what the agent puts on the wire.</summary>
public sealed class ProductVersionTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private FakePushEndpoint _publisher = null!;

    public async Task InitializeAsync() => _publisher = await FakePushEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        await _publisher.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task PushedAgentVersion_EqualsTheCliVersion_OfTheSameBuild()
    {
        using var key = TestKeys.Rsa();

        var version = await CliProcess.RunAsync("--version");
        var run = await CliProcess.RunAsync(
            "agent", "run", "--once", "--publisher", _publisher.BaseUri.ToString(), "--issuer", "https://oidc.example.com/cluster1",
            "--key-file", _dir.Write("sa.pub", TestKeys.PublicPem(key)), "--token-file", _dir.Write("token", "t"));

        Assert.Equal((0, ""), (version.ExitCode, version.Stderr));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var printed = version.Stdout.Trim();
        Assert.Matches(@"^\d+\.\d+\.\d+$", printed);
        Assert.Equal(printed, Assert.Single(_publisher.Pushes).Request.AgentVersion);
        Assert.Equal(printed, AgentInfo.Version);
    }
}
