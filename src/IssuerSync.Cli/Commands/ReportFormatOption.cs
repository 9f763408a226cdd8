using System.CommandLine;
using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Commands;

/// <summary><c>--output table|json</c>: a verb's result for people, or as JSON on stdout for scripts (progress and warnings stay on stderr).</summary>
internal sealed class ReportFormatOption : Option<string>
{
    public const string ForScripts = "table (for people) or json (for scripts).";

    public ReportFormatOption(string description = ForScripts)
        : this(description, "-o")
    {
    }

    /// <summary>For a verb whose <c>-o</c> already means something else (<c>agent export --out</c>): <c>--output</c> alone.</summary>
    public static ReportFormatOption WithoutShortAlias(string description = ForScripts) => new(description, []);

    private ReportFormatOption(string description, params string[] aliases)
        : base("--output", aliases)
    {
        Description = description;
        DefaultValueFactory = _ => "table";
        HelpName = "table|json";
        this.AcceptOnlyFromAmong("table", "json");
    }

    public ReportFormat Read(ParseResult result) => result.GetValue(this) == "json" ? ReportFormat.Json : ReportFormat.Table;
}
