using System.Text.Json;
using IssuerSync.Cli;

namespace IssuerSync.Testing.Cli;

/// <summary>
/// One run of <c>issuersync ARGS</c>: its exit code and captured output. <see cref="RunAsync"/> goes through the real parser
/// in process (CliApp.InvokeAsync), as typed; <see cref="CliProcess"/> runs the built executable.
/// </summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public static async Task<CliRun> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.InvokeAsync(args, stdout, stderr, cancellationToken).ConfigureAwait(false);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The same as <see cref="RunAsync(string[])"/> (the name some callers know it by).</summary>
    public static Task<CliRun> InvokeAsync(params string[] args) => RunAsync(args);

    /// <summary>The findings of a <c>--output json</c> report: (severity, code, message) in order.</summary>
    public IReadOnlyList<(string Severity, string Code, string Message)> Findings()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("severity").GetString()!, f.GetProperty("code").GetString()!, f.GetProperty("message").GetString()!))
            .ToList();
    }

    public IReadOnlyList<string> ErrorCodes() => Findings().Where(f => f.Severity == "error").Select(f => f.Code).ToList();

    /// <summary>The "event" of every JSON log line written to stderr.</summary>
    public IReadOnlyList<string> LogEvents() => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(l => l.StartsWith('{'))
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!)
        .ToList();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
