using System.Diagnostics;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Trust;

/// <summary>
/// Prints a <c>trust</c> script through the real command line, then runs it with
/// <c>bash -euo pipefail</c> in a fresh folder whose bin/ (the <see cref="CliStubs"/>) is first on PATH.
/// </summary>
internal sealed class ScriptRun : IDisposable
{
    private readonly TempDirectory _work = new();

    public ScriptRun()
    {
        Bin = CliStubs.Install(_work.Path);
    }

    public string Bin { get; }

    public string Folder => _work.Path;

    /// <summary>The CLI's own run (exit code, script, warnings).</summary>
    public CliRun? Print { get; private set; }

    public int ExitCode { get; private set; }

    public string Stderr { get; private set; } = "";

    /// <summary>Answers the stubs give (see <see cref="CliStubs.Response"/>); first match wins.</summary>
    public List<string> Responses { get; } = [];

    /// <summary>Environment for the script; a null value removes the variable.</summary>
    public Dictionary<string, string?> Environment { get; } = new() { ["AWS_REGION"] = null, ["AWS_DEFAULT_REGION"] = null };

    public async Task<ScriptRun> RunAsync(params string[] trustArgs)
    {
        Print = await CliRun.RunAsync(["trust", .. trustArgs]);
        Assert.Equal(0, Print.ExitCode);
        var script = _work.Write("trust.sh", Print.Stdout);
        _work.Write(CliStubs.ResponsesFile, string.Concat(Responses));

        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", script])
        {
            WorkingDirectory = _work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Bin + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in Environment)
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

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await stdout;
        Stderr = await stderr;
        ExitCode = process.ExitCode;
        return this;
    }

    /// <summary>Every stub call, in order: the tool, then its arguments.</summary>
    public IReadOnlyList<string[]> Calls()
    {
        var log = _work.File(CliStubs.LogFile);
        return File.Exists(log) ? File.ReadAllLines(log).Select(l => l.Split('\t')).ToList() : [];
    }

    /// <summary>The manifests kubectl apply was given, in order.</summary>
    public IReadOnlyList<string> Applied()
        => Enumerable.Range(1, int.MaxValue).Select(n => _work.File($"applied-{n}.yaml")).TakeWhile(File.Exists).Select(File.ReadAllText).ToList();

    public void Dispose() => _work.Dispose();
}
