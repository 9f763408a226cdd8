using System.CommandLine;
using IssuerSync.Agent.Bundles;
using IssuerSync.Agent.Hosting;
using IssuerSync.Agent.Push;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync push</c>: send a bundle written by <c>agent export</c> from a connected host.</summary>
internal static class PushCommand
{
    public sealed class Options : IPushSettings
    {
        public required string Bundle { get; init; }

        public required string Publisher { get; init; }

        public string? FunctionKeyFile { get; init; }

        public string? CaCert { get; init; }

        public int MaxAttempts { get; init; } = 5;

        public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

        public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

        public TimeProvider Time { get; init; } = TimeProvider.System;

        public Random Random { get; init; } = Random.Shared;
    }

    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "The bundle file `issuersync agent export` wrote.", HelpName = "BUNDLE" };
        var publisher = AgentOptions.Publisher();
        var functionKey = AgentOptions.FunctionKeyFile();
        var maxAttempts = AgentOptions.MaxAttempts();
        var caCert = AgentOptions.PublisherCaCert();
        var command = new Command("push", SharedOptions.WithExample(
            "Send a bundle from an air-gapped cluster to the publisher, exactly as a live agent pushes (the bundle's token authenticates it).",
            "issuersync push bundle.json --publisher https://issuersync-func.azurewebsites.net"))
        {
            bundle, publisher, functionKey, maxAttempts, caCert,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Bundle = result.GetRequiredValue(bundle),
                Publisher = result.GetRequiredValue(publisher),
                FunctionKeyFile = result.GetValue(functionKey),
                MaxAttempts = result.GetValue(maxAttempts),
                CaCert = result.GetValue(caCert),
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var endpoint = PublisherEndpoint.Parse(options.Publisher);
            var bundle = await BundleFile.ReadAsync(options.Bundle, options.Time, cancellationToken).ConfigureAwait(false);
            using var logs = AgentSetup.Logs(stderr, options.Time);
            using var http = PushHttpClient.Create(TrustRoots.Load(options.CaCert));
            var client = await AgentSetup.PushClientAsync(options, http, endpoint, logs, cancellationToken).ConfigureAwait(false);
            var result = await client.PushAsync(bundle.Push, _ => Task.FromResult(bundle.Token), cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(result.Pending
                ? $"pushed {options.Bundle} for {bundle.Push.Issuer}: pending an operator's approval of {string.Join(", ", result.Response.Pending)}"
                : $"pushed {options.Bundle} for {bundle.Push.Issuer}: accepted, published {string.Join(", ", result.Response.Published)}").ConfigureAwait(false);
            return ExitCode.Success;
        });
}
