using IssuerSync.Agent;
using IssuerSync.Testing.Agent;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary>One version for the whole product: what <c>issuersync --version</c> prints is what the agent puts on the wire.</summary>
public sealed class ProductVersionTests : AgentWorldTests
{
    [Fact]
    public async Task PushedAgentVersion_EqualsTheCliVersion_OfTheSameBuild()
    {
        var version = await CliProcess.RunAsync("--version");
        var run = await CliProcess.RunAsync(AgentWorld.AgentRun(World.KeyFileArgs(null, "--once")));

        Assert.Equal((0, ""), (version.ExitCode, version.Stderr));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var printed = version.Stdout.Trim();
        Assert.Matches(@"^\d+\.\d+\.\d+$", printed);
        Assert.Equal(printed, Assert.Single(Publisher.Pushes).Request.AgentVersion);
        Assert.Equal(printed, AgentInfo.Version);
    }
}
