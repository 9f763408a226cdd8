using IssuerSync.Core.Json;
using IssuerSync.Core.Verification;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IssuerSync.Cli.Verify;

/// <summary>Prints a <see cref="VerificationReport"/> as a Spectre.Console table or as JSON.</summary>
internal static class ReportWriter
{
    public static async Task WriteAsync(VerificationReport report, ReportFormat format, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (format == ReportFormat.Json)
        {
            await stdout.WriteLineAsync(Json(report).AsMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var console = CliConsole.Create(stdout);
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle($"issuersync verify {Markup.Escape(report.Issuer)}"));
        table.AddColumn("Severity");
        table.AddColumn("Code");
        table.AddColumn("Finding");
        foreach (var finding in report.Findings)
        {
            table.AddRow(Severity(finding.Severity), new Text(finding.Code), Details(finding));
        }

        console.Write(table);
        var errors = report.Count(FindingSeverity.Error);
        var warnings = report.Count(FindingSeverity.Warning);
        console.WriteLine(errors > 0
            ? $"FAILED: {errors} error(s), {warnings} warning(s)."
            : report.PrivatelyTrustedHosts.Count > 0
                ? $"OK: no error ({warnings} warning(s)) with the --ca-cert roots; the clouds trust public CAs only and would refuse the " +
                    $"certificate of {string.Join(", ", report.PrivatelyTrustedHosts)}."
                : $"OK: no error ({warnings} warning(s)): the clouds can fetch and trust this issuer.");
        if (report.TokenSubject is not null || report.TokenAudiences is not null)
        {
            console.WriteLine($"token sub: {report.TokenSubject}");
            console.WriteLine($"token aud: {string.Join(", ", report.TokenAudiences ?? [])}");
        }

        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string Json(VerificationReport report)
        => CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("issuer", report.Issuer);
            writer.WriteBoolean("ok", !report.HasErrors);
            if (report.PrivatelyTrustedHosts.Count > 0)
            {
                writer.WriteStrings("trustedOnlyByCaCert", report.PrivatelyTrustedHosts);
            }
            writer.WriteNumber("errors", report.Count(FindingSeverity.Error));
            writer.WriteNumber("warnings", report.Count(FindingSeverity.Warning));
            if (report.TokenAudiences is not null)
            {
                writer.WriteStartObject("token");
                writer.WriteString("sub", report.TokenSubject);
                writer.WriteStrings("aud", report.TokenAudiences);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
                writer.WriteString("code", finding.Code);
                writer.WriteString("message", finding.Message);
                writer.WriteString("cloudError", finding.CloudError);
                writer.WriteString("fix", finding.Fix);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static IRenderable Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => new Markup("[red]error[/]"),
        FindingSeverity.Warning => new Markup("[yellow]warning[/]"),
        _ => new Markup("[green]info[/]"),
    };

    private static IRenderable Details(Finding finding)
    {
        var lines = new List<string> { finding.Message };
        if (finding.CloudError is not null)
        {
            lines.Add($"Cloud: {finding.CloudError}");
        }

        if (finding.Fix is not null)
        {
            lines.Add($"Fix: {finding.Fix}");
        }

        return new Text(string.Join('\n', lines));
    }
}
