using System.Text.Json;

namespace IssuerSync.Cli.Tests.Verify;

/// <summary>Runs <c>issuersync ARGS</c> through the real parser and captures its output.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.InvokeAsync(args, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The findings of a --output json report: (severity, code, message) in order.</summary>
    public IReadOnlyList<(string Severity, string Code, string Message)> Findings()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("severity").GetString()!, f.GetProperty("code").GetString()!, f.GetProperty("message").GetString()!))
            .ToList();
    }

    public IReadOnlyList<string> ErrorCodes() => Findings().Where(f => f.Severity == "error").Select(f => f.Code).ToList();
}
