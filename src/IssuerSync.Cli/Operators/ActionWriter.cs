using System.Text.Json.Nodes;
using IssuerSync.Cli.Verify;
using Spectre.Console;

namespace IssuerSync.Cli.Operators;

/// <summary>Prints the answer of approve, revoke and publish-now: what changed, the published and pending keys, and what was published.</summary>
internal static class ActionWriter
{
    public static async Task WriteAsync(
        PublisherAnswer answer,
        string verb,
        string issuerId,
        ReportFormat format,
        TextWriter stdout,
        CancellationToken cancellationToken)
    {
        if (format == ReportFormat.Json)
        {
            await WriteJsonAsync(answer.Body, stdout, cancellationToken).ConfigureAwait(false);
            return;
        }

        var json = answer.Json;
        var publish = json["publish"];
        var console = CliConsole.Create(stdout);
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle($"issuersync {verb} {Markup.Escape(json.Text("issuerId") ?? issuerId)}"));
        table.AddColumn("What");
        table.AddColumn("Result");
        table.AddRow(new Text("changed"), new Text(json.Flag("changed") ? "yes: the issuer's key set changed" : "no: the issuer's key set was already so"));
        table.AddRow(new Text("published keys"), new Text(List(json.Kids("published"))));
        table.AddRow(new Text("pending keys"), new Text(List(json.Kids("pending"))));
        table.AddRow(new Text("publish"), Publish(publish));
        foreach (var document in publish.Objects("documents"))
        {
            table.AddRow(new Text($"  {document.Text("name") ?? "?"}"), new Text(document.Text("status") ?? "?"));
        }

        console.Write(table);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteJsonAsync(string body, TextWriter stdout, CancellationToken cancellationToken)
    {
        await stdout.WriteAsync(body.AsMemory(), cancellationToken).ConfigureAwait(false);
        if (!body.EndsWith('\n'))
        {
            await stdout.WriteLineAsync().ConfigureAwait(false);
        }

        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The publish status, or null when the documents were written (or had nothing to write): <c>failed</c> carries the publisher's message.</summary>
    public static string? PublishFailure(PublisherAnswer answer)
        => answer.Json["publish"].Text("status") == "failed" ? answer.Json["publish"].Text("message") ?? "no message given" : null;

    private static Markup Publish(JsonNode? publish)
    {
        var status = publish.Text("status");
        var meaning = status switch
        {
            "published" => "[green]published[/]: the documents were written",
            "unchanged" => "unchanged: the served documents already matched",
            "skipped" => "[yellow]skipped[/]: nothing to publish, the issuer has no approved key yet",
            "failed" => $"[red]failed[/]: {Markup.Escape(publish.Text("message") ?? "no message given")} (the state is updated; " +
                "the next reconcile, or publish-now, completes the publish)",
            null => "not reported",
            _ => Markup.Escape(status),
        };
        return new Markup(meaning);
    }

    private static string List(IReadOnlyList<string> kids) => kids.Count == 0 ? "none" : string.Join(", ", kids);
}
