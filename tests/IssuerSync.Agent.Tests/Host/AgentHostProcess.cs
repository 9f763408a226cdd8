using System.Diagnostics;
using IssuerSync.Agent.Hosting;
using IssuerSync.Testing.Processes;

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
        return await ChildProcess.RunToExitAsync(process);
    }

    /// <summary>Starts it with redirected output and leaves it running (for SIGTERM tests); KUBECONFIG and the function key unset unless given.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var variables = new Dictionary<string, string?> { ["KUBECONFIG"] = null, [AgentOptions.FunctionKeyVariable] = null };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var published = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(published))
        {
            return ChildProcess.Start(published, variables, args);
        }

        Assert.True(File.Exists(Dll), Dll + " not built");
        return ChildProcess.Start("dotnet", variables, [Dll, .. args]);
    }
}
