using System.CommandLine;
using IssuerSync.Agent.Bundles;
using IssuerSync.Agent.Configuration;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync agent export</c>: write a push and its token to a file, for an air-gapped cluster.</summary>
internal static class AgentExportCommand
{
    public sealed class Options
    {
        public required string Issuer { get; init; }

        public required string Out { get; init; }

        public string Audience { get; init; } = Core.Push.PushProtocol.DefaultAudience;

        public TimeSpan TokenExpiration { get; init; } = TimeSpan.FromHours(24);

        public IReadOnlyList<string> KeyFiles { get; init; } = [];

        public string? ServiceAccount { get; init; }

        public string? Namespace { get; init; }

        public string? Kubeconfig { get; init; }

        public string? Context { get; init; }

        public TimeProvider Time { get; init; } = TimeProvider.System;
    }

    public static Command Create()
    {
        var issuer = SharedOptions.Issuer();
        var output = new Option<string>("--out", "-o") { Description = "The bundle file to write (readable by its owner only: it holds a token).", Required = true, HelpName = "FILE" };
        var audience = AgentCommand.Audience();
        var expiration = AgentCommand.DurationOption("--token-expiration", TimeSpan.FromHours(24), "Lifetime of the bundle's token: the time to carry it to a connected host and push it");
        var keyFiles = AgentCommand.KeyFiles();
        var serviceAccount = AgentCommand.ServiceAccount();
        var ns = AgentCommand.Namespace();
        var kubeconfig = AgentCommand.Kubeconfig();
        var context = AgentCommand.Context();
        var command = new Command("export", SharedOptions.WithExample(
            "Write the push a live agent would send, with a token the cluster minted for it, to a file. Carry it to a connected host and send it with `issuersync push`.",
            "issuersync agent export --issuer https://acct.blob.core.windows.net/oidc/cluster1 --out bundle.json --token-expiration 24h"))
        {
            issuer, output, audience, expiration, keyFiles, serviceAccount, ns, kubeconfig, context,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Issuer = result.GetRequiredValue(issuer),
                Out = result.GetRequiredValue(output),
                Audience = result.GetValue(audience) ?? Core.Push.PushProtocol.DefaultAudience,
                TokenExpiration = result.GetValue(expiration).Or(TimeSpan.FromHours(24)),
                KeyFiles = result.GetValue(keyFiles) ?? [],
                ServiceAccount = result.GetValue(serviceAccount),
                Namespace = result.GetValue(ns),
                Kubeconfig = result.GetValue(kubeconfig),
                Context = result.GetValue(context),
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
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
            var validity = expiry is { } at
                ? $"token expires at {at:u}" + (at < bundle.Push.ObservedAt + options.TokenExpiration - TimeSpan.FromMinutes(1)
                    ? $" (shorter than the {Duration.Format(options.TokenExpiration)} asked: the API server caps tokens at its --service-account-max-token-expiration)"
                    : string.Empty)
                : $"token asked for {Duration.Format(options.TokenExpiration)}";
            await stdout.WriteLineAsync(
                $"wrote {options.Out}: {kids.Length} key(s) ({string.Join(", ", kids)}) for {issuer}, {validity}; " +
                "keep the file private and send it with: issuersync push " + options.Out + " --publisher URL").ConfigureAwait(false);
            return ExitCode.Success;
        });
}
