using System.CommandLine;
using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Commands;

/// <summary><c>--output table|json</c>: a verb's result for people, or as JSON on stdout for scripts (progress and warnings stay on stderr).</summary>
internal sealed class ReportFormatOption : Option<string>
{
    public const string ForScripts = "table (for people) or json (for scripts).";

    public ReportFormatOption(string description = ForScripts)
        : base("--output", "-o")
    {
        Description = description;
        DefaultValueFactory = _ => "table";
        HelpName = "table|json";
        this.AcceptOnlyFromAmong("table", "json");
    }

    public ReportFormat Read(ParseResult result) => result.GetValue(this) == "json" ? ReportFormat.Json : ReportFormat.Table;
}
