using System.CommandLine;
using IssuerSync.Agent.Bundles;
using IssuerSync.Agent.Hosting;
using IssuerSync.Agent.Push;
using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync push</c>: send a bundle written by <c>agent export</c> from a connected host.</summary>
internal static class PushCommand
{
    public sealed class Options
    {
        public required string Bundle { get; init; }

        public required PushConnection Connection { get; init; }

        public ReportFormat Output { get; init; } = ReportFormat.Table;
    }

    public static Command Create() => new PushCommandDefinition();

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var connection = options.Connection;
            var endpoint = PublisherEndpoint.Parse(connection.Publisher);
            var bundle = await BundleFile.ReadAsync(options.Bundle, connection.Time, cancellationToken).ConfigureAwait(false);
            using var logs = AgentSetup.Logs(stderr, connection.Time);
            using var http = PushHttpClient.Create(TrustRoots.Load(connection.CaCert));
            var client = await AgentSetup.PushClientAsync(connection, http, endpoint, logs, cancellationToken).ConfigureAwait(false);
            PushReply result;
            try
            {
                result = await client.PushAsync(bundle.Push, _ => Task.FromResult(bundle.Token), cancellationToken).ConfigureAwait(false);
            }
            catch (PushRejectedException e) when (options.Output == ReportFormat.Json)
            {
                // As the operator verbs do: a script reads the refusal from stdout too; the error line still goes to stderr.
                await stdout.WriteLineAsync(PushReplyJson.Refusal(e, options.Bundle, bundle.Push.Issuer)).ConfigureAwait(false);
                throw;
            }

            await stdout.WriteLineAsync(options.Output == ReportFormat.Json
                ? PushReplyJson.Build(result, options.Bundle, bundle.Push.Issuer)
                : result.Pending
                    ? $"pushed {options.Bundle} for {bundle.Push.Issuer}: pending an operator's approval of {string.Join(", ", result.Response.Pending)}"
                    : $"pushed {options.Bundle} for {bundle.Push.Issuer}: accepted, " +
                        $"published {string.Join(", ", result.Response.Published)}").ConfigureAwait(false);
            return ExitCode.Success;
        });
}
