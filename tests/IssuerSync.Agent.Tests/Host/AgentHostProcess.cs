using System.Diagnostics;
using IssuerSync.Agent.Hosting;

namespace IssuerSync.Agent.Tests.Host;

/// <summary>
/// The <c>issuersync-agent</c> executable, run as a separate process the way the image runs it. By default the
/// framework-dependent build from its own output folder (same configuration as the tests; this project references it
/// so it is built first); ISSUERSYNC_TEST_AGENT names another build to run instead, e.g. the Native AOT publish output
/// (src/IssuerSync.Agent.Host/bin/Release/net10.0/linux-x64/publish/issuersync-agent).
/// </summary>
public static class AgentHostProcess
{
    public const string Variable = "ISSUERSYNC_TEST_AGENT";

    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(RepositoryRoot.Path, "src", "IssuerSync.Agent.Host", "bin", configuration, "net10.0", "issuersync-agent.dll");
        }
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs to exit with these environment variables set (a null value removes one); a minute at most.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts it with redirected output and leaves it running (for SIGTERM tests).</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var published = Environment.GetEnvironmentVariable(Variable);
        var start = new ProcessStartInfo(string.IsNullOrEmpty(published) ? "dotnet" : published)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (string.IsNullOrEmpty(published))
        {
            Assert.True(File.Exists(Dll), Dll + " not built");
            start.ArgumentList.Add(Dll);
        }

        foreach (var name in new[] { "KUBECONFIG", AgentOptions.FunctionKeyVariable })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException(start.FileName + " did not start");
    }
}
