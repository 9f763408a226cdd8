using System.CommandLine;
using System.Globalization;
using IssuerSync.Agent.Bundles;
using IssuerSync.Agent.Configuration;
using IssuerSync.Agent.Hosting;
using IssuerSync.Agent.Tokens;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync agent export</c>: write a push and its token to a file, for an air-gapped cluster.</summary>
internal static class AgentExportCommand
{
    /// <summary>
    /// One hour: what the publisher's default registration accepts (IMPORTANT: IssuerRegistration.MaxTokenLifetime),
    /// so a bundle exported with the defaults is not refused as token_lifetime_too_long.
    /// </summary>
    public static readonly TimeSpan DefaultTokenExpiration = TimeSpan.FromHours(1);

    public sealed class Options
    {
        public required string Issuer { get; init; }

        public required string Out { get; init; }

        public string Audience { get; init; } = Core.Push.PushProtocol.DefaultAudience;

        public TimeSpan TokenExpiration { get; init; } = DefaultTokenExpiration;

        public IReadOnlyList<string> KeyFiles { get; init; } = [];

        public ClusterAccess Cluster { get; init; } = new();

        public ReportFormat Output { get; init; } = ReportFormat.Table;

        public TimeProvider Time { get; init; } = TimeProvider.System;
    }

    public static Command Create() => new AgentExportCommandDefinition();

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var issuer = IssuerUrl.Parse(options.Issuer);
            using var setup = new AgentSetup(options.Cluster);
            var keys = setup.KeySource(options.KeyFiles, issuer);
            var tokens = setup.TokenSource(null, options.Audience, options.TokenExpiration);
            var bundle = await BundleExporter.CreateAsync(keys, tokens, issuer, options.Time, cancellationToken).ConfigureAwait(false);
            await BundleExporter.WriteAsync(bundle, options.Out, cancellationToken).ConfigureAwait(false);
            var kids = bundle.Push.Jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToArray();
            var expiry = UnverifiedJwt.ReadUnverifiedExpiry(bundle.Token);
            var note = options.TokenExpiration > DefaultTokenExpiration
                ? $"the publisher accepts this {Duration.Format(options.TokenExpiration)} token only if the issuer's MaxTokenLifetime " +
                    $"is at least that (default {Duration.Format(DefaultTokenExpiration)}): " +
                    $"set IssuerSync__Issuers__N__MaxTokenLifetime={options.TokenExpiration.ToString("c", CultureInfo.InvariantCulture)} " +
                    $"on the publisher, or export with --token-expiration {Duration.Format(DefaultTokenExpiration)}"
                : null;
            var capped = expiry is { } end && end < bundle.Push.ObservedAt + options.TokenExpiration - TimeSpan.FromMinutes(1);
            if (options.Output == ReportFormat.Json)
            {
                var report = new BundleExportJson.Report(options.Out, issuer.ToString(), kids!, expiry, options.TokenExpiration, capped, note);
                await stdout.WriteLineAsync(BundleExportJson.Build(report)).ConfigureAwait(false);
                return ExitCode.Success;
            }

            var validity = expiry is { } at
                ? $"token expires at {at:u}" + (capped
                    ? $" (shorter than the {Duration.Format(options.TokenExpiration)} asked: " +
                        "the API server caps tokens at its --service-account-max-token-expiration)"
                    : string.Empty)
                : $"token asked for {Duration.Format(options.TokenExpiration)}";
            await stdout.WriteLineAsync(
                $"wrote {options.Out}: {kids.Length} key(s) ({string.Join(", ", kids)}) for {issuer}, {validity}; " +
                "keep the file private and send it with: issuersync push " + options.Out + " --publisher URL").ConfigureAwait(false);
            if (note is not null)
            {
                await stdout.WriteLineAsync("note: " + note).ConfigureAwait(false);
            }

            return ExitCode.Success;
        });
}
