using System.Text.Json;
using IssuerSync.Testing.Agent;
using IssuerSync.Testing.Processes;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary>The real process, stopped the way the kubelet stops a pod.</summary>
public sealed class SigtermTests : AgentWorldTests
{
    [Fact]
    public async Task AgentRun_ExitsZeroAfterLoggingStopped_WhenSentSigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // SIGTERM is a POSIX signal; Windows has no equivalent to send.
        }

        using var process = CliProcess.Start(
            new Dictionary<string, string?>(), AgentWorld.AgentRun(World.KeyFileArgs(null, "--interval", "1s", "--liveness-file", Dir.File("alive"))));
        var log = await SigtermRun.UntilReadyThenTerminateAsync(process, () => !Publisher.Pushes.IsEmpty && File.Exists(Dir.File("alive")));

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {log}");
        var events = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString())
            .ToArray();
        Assert.Equal(["Starting", "Pushing", "PushAccepted"], events.Take(3));
        Assert.Equal("Stopped", events[^1]);
    }
}
