using System.Text.Json;
using IssuerSync.Cli;

namespace IssuerSync.EndToEnd.Tests.Hosting;

/// <summary>Runs <c>issuersync ARGS</c> through the real parser (CliApp.InvokeAsync), as typed, and captures its output.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.InvokeAsync(args, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The findings of a <c>verify --output json</c> report: (severity, code, message) in order.</summary>
    public IReadOnlyList<(string Severity, string Code, string Message)> Findings()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("severity").GetString()!, f.GetProperty("code").GetString()!, f.GetProperty("message").GetString()!))
            .ToList();
    }

    public IReadOnlyList<string> ErrorCodes() => Findings().Where(f => f.Severity == "error").Select(f => f.Code).ToList();

    /// <summary>The "event" of every JSON log line the agent wrote to stderr.</summary>
    public IReadOnlyList<string> LogEvents() => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(l => l.StartsWith('{'))
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!)
        .ToList();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
