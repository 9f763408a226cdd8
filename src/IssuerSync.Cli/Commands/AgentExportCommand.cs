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

        public string? ServiceAccount { get; init; }

        public string? Namespace { get; init; }

        public string? Kubeconfig { get; init; }

        public string? Context { get; init; }

        public ReportFormat Output { get; init; } = ReportFormat.Table;

        public TimeProvider Time { get; init; } = TimeProvider.System;
    }

    public static Command Create()
    {
        var issuer = SharedOptions.Issuer();
        var output = new Option<string>("--out", "-o")
        {
            Description = "The bundle file to write (readable by its owner only: it holds a token).",
            Required = true,
            HelpName = "FILE",
        };
        var audience = AgentOptions.Audience();
        var expiration = AgentOptions.DurationOption("--token-expiration", DefaultTokenExpiration, "Lifetime of the bundle's token: " +
            "the time to carry it to a connected host and push it. The publisher refuses a token that lives longer than the issuer's " +
            "MaxTokenLifetime (1h by default): to carry a bundle longer, raise IssuerSync__Issuers__N__MaxTokenLifetime (at most 48h) on the publisher first");
        var keyFiles = AgentOptions.KeyFiles();
        var serviceAccount = AgentOptions.ServiceAccount();
        var ns = AgentOptions.Namespace();
        var kubeconfig = AgentOptions.Kubeconfig();
        var context = AgentOptions.Context();
        var format = ReportFormatOption.WithoutShortAlias();
        var command = new Command("export", SharedOptions.WithExample(
            "Write the push a live agent would send, with a token the cluster minted for it, to a file. " +
            "Carry it to a connected host and send it with `issuersync push`.",
            "issuersync agent export --issuer https://acct.blob.core.windows.net/oidc/cluster1 --out bundle.json"))
        {
            issuer, output, audience, expiration, keyFiles, serviceAccount, ns, kubeconfig, context, format,
        };
        CommandRunner.SetAction(command, (result, stdout, stderr, cancellationToken) => RunAsync(
            new Options
            {
                Issuer = result.GetRequiredValue(issuer),
                Out = result.GetRequiredValue(output),
                Audience = result.GetValue(audience) ?? Core.Push.PushProtocol.DefaultAudience,
                TokenExpiration = expiration.Read(result),
                KeyFiles = result.GetValue(keyFiles) ?? [],
                ServiceAccount = result.GetValue(serviceAccount),
                Namespace = result.GetValue(ns),
                Kubeconfig = result.GetValue(kubeconfig),
                Context = result.GetValue(context),
                Output = format.Read(result),
            },
            stdout,
            stderr,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var issuer = IssuerUrl.Parse(options.Issuer);
            using var setup = new AgentSetup(options.Kubeconfig, options.Context, options.Namespace, options.ServiceAccount);
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
