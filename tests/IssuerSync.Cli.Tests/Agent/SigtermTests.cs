using System.Diagnostics;
using System.Text.Json;
using IssuerSync.Testing;
using IssuerSync.Testing.Processes;
using IssuerSync.Testing.Push;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary>The real process, stopped the way the kubelet stops a pod.</summary>
public sealed class SigtermTests : IAsyncLifetime
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
    public async Task AgentRun_ExitsZeroAfterLoggingStopped_WhenSentSigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // SIGTERM is a POSIX signal; Windows has no equivalent to send.
        }

        using var key = TestKeys.Rsa();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            CliProcess.AssemblyPath, "agent", "run",
            "--publisher", _publisher.BaseUri.ToString(), "--issuer", "https://oidc.example.com/cluster1",
            "--key-file", _dir.Write("sa.pub", TestKeys.PublicPem(key)), "--token-file", _dir.Write("token", "t"),
            "--interval", "1s", "--liveness-file", _dir.File("alive"),
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var log = await SigtermRun.UntilReadyThenTerminateAsync(process, () => !_publisher.Pushes.IsEmpty && File.Exists(_dir.File("alive")));

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {log}");
        var events = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString())
            .ToArray();
        Assert.Equal(["Starting", "Pushing", "PushAccepted"], events.Take(3));
        Assert.Equal("Stopped", events[^1]);
    }
}
