using System.Diagnostics;

namespace IssuerSync.Testing.Processes;

/// <summary>A built executable (the CLI, the agent) run as a separate process, its output redirected.</summary>
public static class ChildProcess
{
    /// <summary>Starts <paramref name="fileName"/> with these environment variables set (a null value removes one) and leaves it running.</summary>
    public static Process Start(string fileName, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

    /// <summary>Reads a started process's output to its exit; a minute at most, then it is killed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
