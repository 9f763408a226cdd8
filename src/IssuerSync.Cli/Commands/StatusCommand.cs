using System.CommandLine;
using IssuerSync.Agent.Hosting;
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

    public static Command Create()
    {
        var shared = new OperatorOptions();
        var issuerId = OperatorOptions.IssuerId(required: false);
        issuerId.Description = "One issuer's id; without it, every issuer the publisher serves.";
        var staleAfter = AgentOptions.DurationOption(
            "--stale-after",
            TimeSpan.Zero,
            "Mark an issuer STALE when its agent has not pushed for longer than this, instead of the publisher's own StaleAfter setting " +
            "(2h unless configured: twice the agent's hourly --resync, the longest a healthy agent stays silent); 0 keeps the publisher's");
        var command = new Command("status", SharedOptions.WithExample(
            "Show each issuer's keys (active, retained until, pending, revoked), the last push, publish and error, " +
            "and STALE when its agent has gone silent. Pending keys are listed with their full fingerprints and the issuersync approve command that " +
            "approves them. Exit 3 when the publisher refuses.",
            "issuersync status --publisher https://issuersync-func.azurewebsites.net --function-key-file operator.key",
            "issuersync status --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --output json",
            "issuersync status --publisher https://issuersync-func.azurewebsites.net --stale-after 3h"))
        {
            issuerId,
            staleAfter,
        };
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Connection = shared.Read(result),
                IssuerId = result.GetValue(issuerId),
                StaleAfter = result.GetValue(staleAfter) is { } threshold && threshold > TimeSpan.Zero ? threshold : null,
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

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
