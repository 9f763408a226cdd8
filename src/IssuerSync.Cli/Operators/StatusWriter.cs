using System.Text.Json.Nodes;
using IssuerSync.Agent.Configuration;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.Rotation;
using Spectre.Console;

namespace IssuerSync.Cli.Operators;

/// <summary>
/// Prints <c>status</c>: per issuer a table of its kids (status, short fingerprint, retention deadline),
/// the last push, publish and error, STALE when the agent is silent, and for pending keys their full
/// fingerprints with the <c>issuersync approve</c> line that approves them (written unwrapped, to paste).
/// </summary>
internal static class StatusWriter
{
    public const int ShortFingerprint = 16;

    public static async Task WriteAsync(PublisherAnswer answer, PublisherConnection connection, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (connection.Output == ReportFormat.Json)
        {
            await ActionWriter.WriteJsonAsync(answer.Body, stdout, cancellationToken).ConfigureAwait(false);
            return;
        }

        var issuers = answer.Json["issuers"] is JsonArray ? answer.Json.Objects("issuers").ToList() : [answer.Json];
        var console = CliConsole.Create(stdout);
        if (issuers.Count == 0)
        {
            console.WriteLine("No issuer is registered with this publisher.");
        }

        for (var i = 0; i < issuers.Count; i++)
        {
            if (i > 0)
            {
                console.WriteLine();
            }

            await WriteIssuerAsync(issuers[i], connection, console, stdout, cancellationToken).ConfigureAwait(false);
        }

        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteIssuerAsync(
        JsonObject issuer,
        PublisherConnection connection,
        IAnsiConsole console,
        TextWriter stdout,
        CancellationToken cancellationToken)
    {
        var id = issuer.Text("issuerId") ?? "?";
        var stale = issuer.Flag("stale");
        var title = $"{Markup.Escape(id)}  {Markup.Escape(issuer.Text("issuer") ?? string.Empty)}{(stale ? "  [bold red]STALE[/]" : string.Empty)}";
        var signing = issuer.Text("latestSigningKid");
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle(title));
        table.AddColumn("Kid");
        table.AddColumn("Status");
        table.AddColumn("Fingerprint (sha256)");
        table.AddColumn("Retain until");
        foreach (var key in issuer.Objects("keys"))
        {
            var kid = key.Text("kid") ?? "?";
            table.AddRow(
                new Text(kid),
                new Markup(Status(key.Text("status")) + (kid == signing ? ", signing" : string.Empty)),
                new Text(Short(key.Text("fingerprint"))),
                new Text(key.Text("retainUntil") ?? string.Empty));
        }

        console.Write(table);
        if (issuer.Text("target") is { } target)
        {
            console.WriteLine($"target:       {target}");
        }

        var lastPublish = issuer["lastPublish"];
        console.WriteLine($"last push:    {issuer.Text("lastPushAt") ?? "never"}");
        console.WriteLine($"last publish: {(lastPublish is JsonObject ? $"{lastPublish.Text("at") ?? "?"} ({PublishDetail(lastPublish)})" : "never")}");
        var lastError = issuer.Describe("lastError");
        console.MarkupLine($"last error:   {(lastError is null ? "none" : $"[red]{Markup.Escape(lastError)}[/]")}");
        if (stale)
        {
            console.MarkupLine($"[bold red]STALE[/]: no push for longer than {Markup.Escape(StaleAfter(issuer.Text("staleAfter")))}: " +
                "the agent is down or its pushes are refused (check its logs)");
        }

        var pending = Pending(issuer);
        if (pending.Count == 0)
        {
            return;
        }

        console.WriteLine("Pending keys: not published, not trusted. Compare each fingerprint with the cluster's key " +
            "(openssl pkey -pubin -in sa.pub -outform DER | sha256sum), then approve:");

        // Written past Spectre so that no line is wrapped: the command must run as pasted.
        foreach (var (kid, fingerprint) in pending)
        {
            await stdout.WriteLineAsync($"  {kid}  {fingerprint}").ConfigureAwait(false);
        }

        var approve = ApproveCommandLine.For(connection, id, pending.Select(p => p.Fingerprint));
        await stdout.WriteLineAsync(approve.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private static List<(string Kid, string Fingerprint)> Pending(JsonObject issuer)
    {
        var listed = issuer["pending"] is JsonArray ? issuer.Objects("pending") : issuer.Objects("keys").Where(k => k.Text("status") == KeyStatusNames.Pending);
        return listed
            .Select(p => (Kid: p.Text("kid") ?? "?", Fingerprint: p.Text("fingerprint")))
            .Where(p => p.Fingerprint is not null)
            .Select(p => (p.Kid, p.Fingerprint!))
            .ToList();
    }

    private static string Status(string? status) => status switch
    {
        KeyStatusNames.Active => "[green]active[/]",
        KeyStatusNames.Retained => "[yellow]retained[/]",
        KeyStatusNames.Pending => "[blue]pending[/]",
        KeyStatusNames.Revoked => "[red]revoked[/]",
        null => "?",
        _ => Markup.Escape(status),
    };

    private static string Short(string? fingerprint)
        => fingerprint is null ? string.Empty : fingerprint.Length <= ShortFingerprint ? fingerprint : fingerprint[..ShortFingerprint] + "…";

    /// <summary>The publisher answers the kids served then; older answers carried a status (and message).</summary>
    private static string PublishDetail(JsonNode lastPublish)
        => lastPublish["kids"] is JsonArray kids
            ? $"kids {string.Join(", ", kids.Select(k => k?.GetValue<string>()))}"
            : $"{lastPublish.Text("status") ?? "?"}{(lastPublish.Text("message") is { } m ? $": {m}" : string.Empty)}";

    /// <summary>The publisher's threshold ("02:00:00" in its JSON) as the CLI writes durations: 2h.</summary>
    private static string StaleAfter(string? text)
        => text is null
            ? "the stale threshold"
            : TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var threshold) && threshold > TimeSpan.Zero
                ? Duration.Format(threshold)
                : text;
}
