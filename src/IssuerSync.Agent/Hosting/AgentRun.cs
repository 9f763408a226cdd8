using IssuerSync.Agent.Push;
using IssuerSync.Agent.Running;
using IssuerSync.Agent.Telemetry;
using IssuerSync.Core.Issuers;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The body of <c>agent run</c>: builds the key source, token source and push client from the settings and runs
/// the agent until it stops. Throws what it refuses; the host turns that into a line and an exit code (<see cref="FailureExit"/>).
/// </summary>
public static class AgentRun
{
    public static async Task<int> RunAsync(AgentRunSettings settings, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var issuer = IssuerUrl.Parse(settings.Issuer);
        var endpoint = PublisherEndpoint.Parse(settings.Publisher);
        using var telemetry = AgentTelemetryExport.FromEnvironment();
        using var setup = new AgentSetup(settings.Cluster);
        var keys = setup.KeySource(settings.KeyFiles, issuer);
        using var logs = AgentSetup.Logs(stderr, settings.Time);
        var tokens = setup.TokenSource(
            settings.TokenFile,
            settings.Audience,
            settings.TokenExpiration,
            settings.Time,
            logs.CreateLogger("IssuerSync.Agent.Tokens"));
        using var http = PushHttpClient.Create(TrustRoots.Load(settings.CaCert));
        var push = await AgentSetup.PushClientAsync(settings, http, endpoint, logs, cancellationToken).ConfigureAwait(false);
        var runner = new AgentRunner(
            keys,
            tokens,
            push,
            new AgentRunOptions
            {
                Issuer = issuer,
                Interval = settings.Interval,
                Resync = settings.Resync,
                Once = settings.Once,
                LivenessFile = settings.LivenessFile,
                FailureThreshold = settings.FailureThreshold,
            },
            settings.Time,
            logs.CreateLogger("IssuerSync.Agent"));
        await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        return (int)(cancellationToken.IsCancellationRequested && settings.Once ? AgentExitCode.Cancelled : AgentExitCode.Success);
    }
}
