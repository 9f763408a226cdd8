using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.Rotation.Check;
using Spectre.Console;

namespace IssuerSync.Cli.Commands;

/// <summary>Prints a <see cref="RotationCheckResult"/>: a table of the facts weighed and one verdict line, or JSON.</summary>
internal static class RotateCheckWriter
{
    public static string Verdict(StepVerdict verdict) => verdict switch
    {
        StepVerdict.Safe => "safe",
        StepVerdict.NotYet => "not_yet",
        StepVerdict.Blocked => "blocked",
        _ => "unknown",
    };

    public static string Step(RotationStep step) => step == RotationStep.Switch ? "switch" : "remove";

    public static async Task WriteAsync(RotationCheckResult result, string? issuer, ReportFormat format, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (format == ReportFormat.Json)
        {
            var json = new JsonObject
            {
                ["issuer"] = issuer,
                ["step"] = Step(result.Step),
                ["verdict"] = Verdict(result.Verdict),
                ["safe"] = result.IsSafe,
                ["newKid"] = result.NewKid,
                ["oldKid"] = result.OldKid,
                ["safeAt"] = result.SafeAt is { } at ? RotationCheck.Time(at) : null,
                ["timeLeftSeconds"] = result.TimeLeft is { } left ? (long)Math.Ceiling(left.TotalSeconds) : null,
                ["reasons"] = new JsonArray(result.Reasons.Select(r => (JsonNode)r!).ToArray()),
            };
            var text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            await stdout.WriteLineAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var console = CliConsole.Create(stdout);
        var what = result.Step == RotationStep.Switch ? $"switch the signing key to {result.NewKid}" : $"remove {result.OldKid ?? "the old key"}";
        var title = $"issuersync rotate check: {Markup.Escape(what)}{(issuer is null ? string.Empty : $"  ({Markup.Escape(issuer)})")}";
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle(title));
        table.AddColumn("#");
        table.AddColumn("Checked");
        for (var i = 0; i < result.Reasons.Count - 1; i++)
        {
            table.AddRow(new Text((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), new Text(result.Reasons[i]));
        }

        if (result.Reasons.Count > 1)
        {
            console.Write(table);
        }

        var label = result.Verdict switch
        {
            StepVerdict.Safe => "SAFE",
            StepVerdict.NotYet => "NOT YET",
            StepVerdict.Blocked => "NOT SAFE",
            _ => "CANNOT TELL",
        };
        // Past Spectre, unwrapped: the line a script greps and an operator copies.
        await stdout.WriteLineAsync($"{label}: {result.Reasons[^1]}".AsMemory(), cancellationToken).ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
