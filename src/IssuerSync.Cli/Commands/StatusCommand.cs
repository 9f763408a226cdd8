using System.CommandLine;
using IssuerSync.Cli.Operators;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync status</c>: the publisher's view of one issuer or all (<c>GET {publisher}/api/issuers[/{id}]</c>).</summary>
internal static class StatusCommand
{
    public sealed class Options
    {
        public required PublisherConnection Connection { get; init; }

        /// <summary>One issuer; null lists every registered issuer.</summary>
        public string? IssuerId { get; init; }

        /// <summary>The operator's stale threshold; null keeps the publisher's (its StaleAfter setting).</summary>
        public TimeSpan? StaleAfter { get; init; }

        public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    }

    public static Command Create() => new StatusCommandDefinition();

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        return OperatorOptions.RunAsync(options.Connection, stdout, stderr, StatusAsync, cancellationToken);

        async Task<ExitCode> StatusAsync(PublisherClient client)
        {
            var id = options.IssuerId is null ? null : IssuerId.Check(options.IssuerId);
            var answer = id is null
                ? await client.GetAsync("api/issuers", "status", cancellationToken).ConfigureAwait(false)
                : await client.GetAsync(IssuerId.Route(id), $"status of issuer {id}", cancellationToken).ConfigureAwait(false);
            if (options.StaleAfter is { } threshold)
            {
                answer = StaleThreshold.Apply(answer, threshold, options.TimeProvider.GetUtcNow());
            }

            await StatusWriter.WriteAsync(answer, options.Connection, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        }
    }
}
