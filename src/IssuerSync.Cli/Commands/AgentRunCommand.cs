using System.CommandLine;
using IssuerSync.Agent.Push;
using IssuerSync.Cli.Verify;
using IssuerSync.Agent.Running;
using IssuerSync.Agent.Telemetry;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync agent run</c>: keep the publisher's copy of the cluster's keys current.</summary>
internal static class AgentRunCommand
{
    public sealed class Options : IPushSettings
    {
        public required string Publisher { get; init; }

        public required string Issuer { get; init; }

        public string Audience { get; init; } = Core.Push.PushProtocol.DefaultAudience;

        public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

        public TimeSpan Resync { get; init; } = TimeSpan.FromHours(1);

        public bool Once { get; init; }

        public IReadOnlyList<string> KeyFiles { get; init; } = [];

        public string? TokenFile { get; init; }

        public TimeSpan TokenExpiration { get; init; } = TimeSpan.FromMinutes(10);

        public string? ServiceAccount { get; init; }

        public string? Namespace { get; init; }

        public string? Kubeconfig { get; init; }

        public string? Context { get; init; }

        public string? LivenessFile { get; init; }

        public TimeSpan FailureThreshold { get; init; } = TimeSpan.FromMinutes(15);

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
        var publisher = AgentCommand.Publisher();
        var issuer = SharedOptions.Issuer();
        var audience = AgentCommand.Audience();
        var interval = AgentCommand.DurationOption("--interval", TimeSpan.FromMinutes(5), "How often to read the keys");
        var resync = AgentCommand.DurationOption("--resync", TimeSpan.FromHours(1), "Push unchanged keys again this often");
        var once = new Option<bool>("--once") { Description = "Run one cycle and exit (a CronJob); a failure gives a non-zero exit code." };
        var keyFiles = AgentCommand.KeyFiles();
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = "Read the agent's token from this projected serviceAccountToken volume (audience = the publisher's) instead of asking the TokenRequest API. A token authenticates one push: while the file still holds the last token sent, the agent waits for the kubelet to rotate it (give the volume expirationSeconds: 600).",
            HelpName = "FILE",
        };
        var tokenExpiration = AgentCommand.DurationOption("--token-expiration", TimeSpan.FromMinutes(10), "Lifetime of the token asked per push (at least 10m)");
        var serviceAccount = AgentCommand.ServiceAccount();
        var ns = AgentCommand.Namespace();
        var kubeconfig = AgentCommand.Kubeconfig();
        var context = AgentCommand.Context();
        var liveness = new Option<string?>("--liveness-file")
        {
            Description = "Touch this file after every healthy cycle; it goes stale when failures last longer than --failure-threshold (probe it with: find FILE -mmin -N).",
            HelpName = "FILE",
        };
        var threshold = AgentCommand.DurationOption("--failure-threshold", TimeSpan.FromMinutes(15), "How long failures may last before the liveness file goes stale");
        var functionKey = AgentCommand.FunctionKeyFile();
        var maxAttempts = AgentCommand.MaxAttempts();
        var caCert = AgentCommand.PublisherCaCert();
        var command = new Command("run", SharedOptions.WithExample(
            "Read the keys the API server verifies tokens with (or --key-file) and push them to the publisher whenever they change, authenticated by a TokenRequest token of the agent's own service account. Logs are JSON lines on stderr; SIGTERM stops it gracefully.",
            "issuersync agent run --publisher https://issuersync-func.azurewebsites.net --issuer https://acct.blob.core.windows.net/oidc/cluster1",
            "issuersync agent run --once --publisher https://issuersync-func.azurewebsites.net --issuer https://oidc.example.com --key-file /host/etc/kubernetes/pki/sa.pub"))
        {
            publisher, issuer, audience, interval, resync, once, keyFiles, tokenFile, tokenExpiration,
            serviceAccount, ns, kubeconfig, context, liveness, threshold, functionKey, maxAttempts, caCert,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Publisher = result.GetRequiredValue(publisher),
                Issuer = result.GetRequiredValue(issuer),
                Audience = result.GetValue(audience) ?? Core.Push.PushProtocol.DefaultAudience,
                Interval = result.GetValue(interval).Or(TimeSpan.FromMinutes(5)),
                Resync = result.GetValue(resync).Or(TimeSpan.FromHours(1)),
                Once = result.GetValue(once),
                KeyFiles = result.GetValue(keyFiles) ?? [],
                TokenFile = result.GetValue(tokenFile),
                TokenExpiration = result.GetValue(tokenExpiration).Or(TimeSpan.FromMinutes(10)),
                ServiceAccount = result.GetValue(serviceAccount),
                Namespace = result.GetValue(ns),
                Kubeconfig = result.GetValue(kubeconfig),
                Context = result.GetValue(context),
                LivenessFile = result.GetValue(liveness),
                FailureThreshold = result.GetValue(threshold).Or(TimeSpan.FromMinutes(15)),
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
            var issuer = IssuerUrl.Parse(options.Issuer);
            var endpoint = PublisherEndpoint.Parse(options.Publisher);
            using var telemetry = AgentTelemetryExport.FromEnvironment();
            using var setup = new AgentSetup(options.Kubeconfig, options.Context, options.Namespace, options.ServiceAccount);
            var keys = setup.KeySource(options.KeyFiles, issuer);
            using var logs = AgentSetup.Logs(stderr, options.Time);
            var tokens = setup.TokenSource(options.TokenFile, options.Audience, options.TokenExpiration, options.Time, logs.CreateLogger("IssuerSync.Agent.Tokens"));
            using var http = PushHttpClient.Create(TrustRoots.Load(options.CaCert));
            var push = await AgentSetup.PushClientAsync(options, http, endpoint, logs, cancellationToken).ConfigureAwait(false);
            var runner = new AgentRunner(
                keys,
                tokens,
                push,
                new AgentRunOptions
                {
                    Issuer = issuer,
                    Interval = options.Interval,
                    Resync = options.Resync,
                    Once = options.Once,
                    LivenessFile = options.LivenessFile,
                    FailureThreshold = options.FailureThreshold,
                },
                options.Time,
                logs.CreateLogger("IssuerSync.Agent"));
            await runner.RunAsync(cancellationToken).ConfigureAwait(false);
            return cancellationToken.IsCancellationRequested && options.Once ? ExitCode.Cancelled : ExitCode.Success;
        });
}
