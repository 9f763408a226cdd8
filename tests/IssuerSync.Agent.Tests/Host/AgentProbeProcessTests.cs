using System.Text.Json.Nodes;

namespace IssuerSync.Agent.Tests.Host;

/// <summary>
/// <c>issuersync-agent probe</c> run as kubelet runs the manifests' livenessProbe (exec, no shell): its exit code and the
/// one stderr line kubelet puts in the pod's events; and <c>issuersync agent probe</c>, the same code in the CLI.
/// </summary>
public sealed class AgentProbeProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IssuersyncAgentProbe_Exits0WithNoOutput_WhenTheFileWasTouchedWithinMaxAge()
    {
        var file = Touched(TimeSpan.FromMinutes(19));

        var (code, stdout, stderr) = await AgentHostProcess.RunAsync("probe", "--liveness-file", file, "--max-age", "20m");

        Assert.Equal((0, "", ""), (code, stdout, stderr));
    }

    [Fact]
    public async Task IssuersyncAgentProbe_Exits1SayingHowOldTheFileIs_WhenItIsOlderThanMaxAge()
    {
        var file = Touched(TimeSpan.FromMinutes(25));

        var (code, stdout, stderr) = await AgentHostProcess.RunAsync("probe", "--liveness-file", file, "--max-age", "20m");

        Assert.Equal((1, ""), (code, stdout));
        Assert.Matches(
            $"^issuersync-agent: unhealthy: {System.Text.RegularExpressions.Regex.Escape(file)} was last touched 25m([0-9]s)? ago, older than --max-age 20m: the agent's cycles have been failing for longer than its --failure-threshold \\(see its logs\\)\n$",
            stderr);
    }

    [Fact]
    public async Task IssuersyncAgentProbe_Exits1SayingTheFileIsMissing_WhenNothingIsThere()
    {
        var file = _dir.File("alive");

        var (code, stdout, stderr) = await AgentHostProcess.RunAsync("probe", "--liveness-file", file, "--max-age", "20m");

        Assert.Equal((1, ""), (code, stdout));
        Assert.Equal($"issuersync-agent: unhealthy: {file} is missing: the agent has not finished a healthy cycle since it started, or its --liveness-file is another path\n", stderr);
    }

    [Fact]
    public async Task IssuersyncAgentProbe_UsesTwentyMinutes_WhenMaxAgeIsLeftOut()
    {
        var fresh = await AgentHostProcess.RunAsync("probe", "--liveness-file", Touched(TimeSpan.FromMinutes(19)));
        var stale = await AgentHostProcess.RunAsync("probe", "--liveness-file", Touched(TimeSpan.FromMinutes(21)));

        Assert.Equal(0, fresh.ExitCode);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains(", older than --max-age 20m:", stale.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "probe", "--max-age", "20m" }, "Option '--liveness-file' is required.")]
    [InlineData(new[] { "probe", "--liveness-file", "/tmp/issuersync/alive", "--max-age", "0s" }, "--max-age '0s' is zero: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 20m)")]
    [InlineData(new[] { "probe", "--liveness-file", "/tmp/issuersync/alive", "--max-age", "-20m" }, "--max-age '-20m' is negative: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 20m)")]
    [InlineData(new[] { "probe", "--liveness-file", "/tmp/issuersync/alive", "--max-age", "20" }, "--max-age '20' is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    [InlineData(new[] { "probe", "--liveness-file", "/tmp/issuersync/alive", "--publisher", "https://p.example.com" }, "Unrecognized command or argument '--publisher'.")]
    public async Task IssuersyncAgentProbe_Exits1NamingTheOption_WhenTheCommandLineIsBad(string[] args, string line)
    {
        var (code, _, stderr) = await AgentHostProcess.RunAsync(args);

        Assert.Equal(1, code);
        Assert.Equal(line, stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task IssuersyncAgentProbeHelp_ShowsItsOwnUsage_AndTheRootHelpListsIt()
    {
        var probe = await AgentHostProcess.RunAsync("probe", "--help");
        var root = await AgentHostProcess.RunAsync("--help");

        Assert.Equal((0, ""), (probe.ExitCode, probe.Stderr));
        Assert.Contains("Usage:\n  issuersync-agent probe [options]\n", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains("    issuersync-agent probe --liveness-file /tmp/issuersync/alive --max-age 20m\n", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nCommands:\n  probe  Check the agent's liveness file, with no shell", root.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuersyncAgentProbe_Exits0_OnTheFileIssuersyncAgentTouchedAfterAHealthyCycle()
    {
        await using var world = await AgentWorld.StartAsync();
        var file = _dir.File("run/alive");

        var run = await AgentHostProcess.RunAsync(world.OnceArgs("--liveness-file", file));
        var probe = await AgentHostProcess.RunAsync("probe", "--liveness-file", file, "--max-age", "20m");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal((0, ""), (probe.ExitCode, probe.Stderr));
    }

    [Fact]
    public async Task IssuersyncAgentProbe_IsBuiltWithInvariantGlobalization_SinceTheChiseledBaseHasNoIcu()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(AgentHostProcess.Dll, ".runtimeconfig.json")))!;

        Assert.True(config["runtimeOptions"]!["configProperties"]!["System.Globalization.Invariant"]!.GetValue<bool>());
    }

    [Fact]
    public async Task IssuersyncAgentProbe_WritesTheLineOfIssuersyncAgentProbe_WithTheCliName()
    {
        var file = _dir.File("alive");

        var host = await AgentHostProcess.RunAsync("probe", "--liveness-file", file, "--max-age", "20m");
        var cli = await CliRun.RunAsync("agent", "probe", "--liveness-file", file, "--max-age", "20m");
        var fresh = await CliRun.RunAsync("agent", "probe", "--liveness-file", Touched(TimeSpan.FromSeconds(5)), "--max-age", "20m");

        Assert.Equal(1, cli.ExitCode);
        Assert.Equal(host.Stderr.Replace("issuersync-agent: ", "issuersync: ", StringComparison.Ordinal), cli.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal((0, "", ""), (fresh.ExitCode, fresh.Stdout, fresh.Stderr));
    }

    private string Touched(TimeSpan ago)
    {
        var file = _dir.Write("alive", "\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - ago);
        return file;
    }
}
