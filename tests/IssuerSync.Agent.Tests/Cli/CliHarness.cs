using IssuerSync.Cli;

namespace IssuerSync.Agent.Tests.Cli;

/// <summary>Runs <c>issuersync</c> in process, as a user would type it, capturing stdout and stderr.</summary>
public static class CliHarness
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.InvokeAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
