using System.CommandLine;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync publish</c>: write both documents to a target where a cloud can fetch them.</summary>
internal static class PublishCommand
{
    /// <summary>What to publish where: the parsed values, grouped by the part that uses them.</summary>
    public sealed class Options
    {
        public required string Issuer { get; init; }

        public string? JwksUri { get; init; }

        public required IReadOnlyList<string> Keys { get; init; }

        /// <summary>The --target spec; <see cref="Settings"/> holds the options beyond its URL.</summary>
        public required string Target { get; init; }

        public TargetSettings Settings { get; init; } = new();

        public PublishOptions Publish { get; init; } = new();

        public ReportFormat Output { get; init; } = ReportFormat.Table;
    }

    public static Command Create()
    {
        var definition = new PublishCommandDefinition();
        definition.SetAction((result, cancellationToken) => CommandRunner.RunAsync(
            result.InvocationConfiguration.Error,
            () => PublishAsync(
                definition.Read(result),
                CreateTarget,
                result.InvocationConfiguration.Output,
                result.InvocationConfiguration.Error,
                cancellationToken)));
        return definition;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => RunAsync(options, CreateTarget, stdout, stderr, cancellationToken);

    /// <summary>
    /// The verb with the target built by <paramref name="createTarget"/>, counting into the counter it is given (tests wrap a real target to cut a
    /// publish short).
    /// </summary>
    internal static Task<int> RunAsync(
        Options options,
        Func<Options, RequestCounter, IPublishTarget> createTarget,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, () => PublishAsync(options, createTarget, stdout, stderr, cancellationToken));

    private static async Task<ExitCode> PublishAsync(
        Options options,
        Func<Options, RequestCounter, IPublishTarget> createTarget,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var documents = await DocumentOptions.BuildAsync(options.Issuer, options.JwksUri, options.Keys, cancellationToken).ConfigureAwait(false);
        var requests = new RequestCounter();
        var target = createTarget(options, requests);
        var progress = new PublishProgress();
        PublishReport report;
        try
        {
            report = await DocumentPublisher.PublishAsync(documents, target, options.Publish, progress, requests, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"issuersync: {PublishInterruption.Describe(progress, documents, target)}").ConfigureAwait(false);
            throw;
        }

        if (options.Output == ReportFormat.Json)
        {
            var json = PublishReportJson.Build(report, documents, target.DisplayName, options.Publish.DryRun);
            await stdout.WriteLineAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteTextAsync(report, target.DisplayName, options.Publish.DryRun, stdout).ConfigureAwait(false);
        }

        foreach (var warning in KidDiffWording.Warnings(
            report.Kids,
            target.LocationOf(documents.JwksPath!),
            target is IBlobTarget ? options.Publish.CacheControl : null,
            options.Publish.DryRun))
        {
            await stderr.WriteLineAsync(warning).ConfigureAwait(false);
        }

        return ExitCode.Success;
    }

    private static IPublishTarget CreateTarget(Options options, RequestCounter requests)
        => TargetLoading.Create(options.Target, options.Settings with { Requests = requests });

    private static async Task WriteTextAsync(PublishReport report, string target, bool dryRun, TextWriter stdout)
    {
        foreach (var document in report.Documents)
        {
            var status = document.Status switch
            {
                DocumentStatus.Written => "written",
                DocumentStatus.Unchanged => "unchanged",
                _ => "would write",
            };
            await stdout.WriteLineAsync($"{document.Document,-9}  {status,-11}  {document.Bytes,6} bytes  {document.Location}").ConfigureAwait(false);
        }

        await stdout.WriteLineAsync(KidDiffWording.Line(report.Kids)).ConfigureAwait(false);
        var bytes = report.Documents.Sum(d => d.Bytes);
        var verb = dryRun ? "dry run" : "published";
        var written = dryRun
            ? $"{report.Documents.Count(d => d.Status == DocumentStatus.WouldWrite)} would be written"
            : $"{report.Written} written";
        await stdout.WriteLineAsync(
            $"{verb}: {report.Documents.Count} documents, {written}, {report.Unchanged} unchanged, {bytes} bytes, " +
            $"{Count(report.ReadRequests + report.WriteRequests, "request")} " +
            $"({Count(report.ReadRequests, "read")}, {Count(report.WriteRequests, "write")}) to {target}").ConfigureAwait(false);
    }

    private static string Count(long value, string noun) => $"{value} {noun}{(value == 1 ? string.Empty : "s")}";
}
