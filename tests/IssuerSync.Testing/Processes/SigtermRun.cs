using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace IssuerSync.Testing.Processes;

/// <summary>
/// Lets a started agent process (redirected stderr) run until <c>ready</c> holds, sends it SIGTERM as kubelet does and
/// waits for it to exit; returns its stderr. Kills it if it outlives the test.
/// </summary>
public static class SigtermRun
{
    public static async Task<string> UntilReadyThenTerminateAsync(Process process, Func<bool> ready)
    {
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!ready())
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "the agent did not push within 30 s: " + Text(stderr));
                await Task.Delay(50);
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        // The parameterless wait also drains the redirected stream, so the last lines are in.
        process.WaitForExit();
        return Text(stderr);
    }

    private static string Text(StringBuilder stderr)
    {
        lock (stderr)
        {
            return stderr.ToString();
        }
    }
}
