using System.Diagnostics;
using IssuerSync.Testing.Processes;
using Xunit;

namespace IssuerSync.Testing.Cli;

/// <summary>The built <c>issuersync</c> executable, run as a separate process the way an operator runs it.</summary>
public static class CliProcess
{
    /// <summary>The CLI from its own build output (same configuration as the tests), with its own dependencies beside it.</summary>
    public static string AssemblyPath
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(RepositoryRoot.Path, "src", "IssuerSync.Cli", "bin", configuration, "net10.0", "issuersync.dll");
            Assert.True(File.Exists(path), path + " not built");
            return path;
        }
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs with these environment variables set (a null value removes one).</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var (exitCode, stdout, stderr) = await ChildProcess.RunToExitAsync(process).ConfigureAwait(false);
        return new CliRun(exitCode, stdout, stderr);
    }

    /// <summary>Starts it with redirected output and leaves it running (for SIGTERM tests).</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
        => ChildProcess.Start("dotnet", environment, [AssemblyPath, .. args]);
}
