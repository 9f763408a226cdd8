using System.CommandLine;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The options and action of <c>agent run</c>, for every host that runs the agent: the CLI's <c>issuersync agent run</c>
/// and the <c>issuersync-agent</c> executable add the same options to their command, so the two cannot drift.
/// </summary>
public sealed class AgentRunCommandLine
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultResync = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultTokenExpiration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultFailureThreshold = TimeSpan.FromMinutes(15);

    private readonly PushConnectionOptions _push = new();
    private readonly Option<string> _issuer = AgentOptions.Issuer();
    private readonly Option<string> _audience = AgentOptions.Audience();
    private readonly DurationOption _interval = AgentOptions.DurationOption("--interval", DefaultInterval, "How often to read the keys");
    private readonly DurationOption _resync = AgentOptions.DurationOption("--resync", DefaultResync, "Push unchanged keys again this often");
    private readonly Option<bool> _once = new("--once")
    {
        Description = "Run one cycle and exit (a CronJob); a failure gives a non-zero exit code.",
    };

    private readonly Option<string[]> _keyFiles = AgentOptions.KeyFiles();
    private readonly Option<string?> _tokenFile = new("--token-file")
    {
        Description = "Read the agent's token from this projected serviceAccountToken volume (audience = the publisher's) " +
            "instead of asking the TokenRequest API. A token authenticates one push: while the file still holds the last token " +
            "sent, the agent waits for the kubelet to rotate it (give the volume expirationSeconds: 600).",
        HelpName = "FILE",
    };

    private readonly DurationOption _tokenExpiration = AgentOptions.DurationOption(
        "--token-expiration",
        DefaultTokenExpiration,
        "Lifetime of the token asked per push (at least 10m)");

    private readonly ClusterAccessOptions _cluster = new();
    private readonly Option<string?> _liveness = new("--liveness-file")
    {
        Description = "Touch this file after every healthy cycle; it goes stale when failures last longer than --failure-threshold " +
            "(probe it with: issuersync-agent probe --liveness-file FILE --max-age 20m).",
        HelpName = "FILE",
    };

    private readonly DurationOption _threshold = AgentOptions.DurationOption(
        "--failure-threshold",
        DefaultFailureThreshold,
        "How long failures may last before the liveness file goes stale");

    /// <summary>The help text, its examples written as <paramref name="invocation"/> (e.g. <c>issuersync agent run</c>).</summary>
    public static string Description(string invocation) => AgentOptions.WithExample(
        "Read the keys the API server verifies tokens with (or --key-file) and push them to the publisher whenever they change, " +
        "authenticated by a TokenRequest token of the agent's own service account. Logs are JSON lines on stderr; SIGTERM stops it gracefully.",
        $"{invocation} --publisher https://issuersync-func.azurewebsites.net --issuer https://acct.blob.core.windows.net/oidc/cluster1",
        $"{invocation} --once --publisher https://issuersync-func.azurewebsites.net --issuer https://oidc.example.com " +
        "--key-file /host/etc/kubernetes/pki/sa.pub");

    /// <summary>Adds the options to <paramref name="command"/> and makes running the agent its action.</summary>
    /// <param name="program">The executable's name, which starts every error line (<c>issuersync</c>, <c>issuersync-agent</c>).</param>
    public void AddTo(Command command, string program)
    {
        command.AddOptions(_push.Publisher, _issuer, _audience, _interval, _resync, _once, _keyFiles, _tokenFile, _tokenExpiration);
        _cluster.AddTo(command);
        command.AddOptions(_liveness, _threshold);
        _push.AddTo(command);

        command.SetAction((result, cancellationToken) =>
        {
            var stderr = result.InvocationConfiguration.Error;
            return FailureExit.RunAsync(program, stderr, () => AgentRun.RunAsync(Read(result), stderr, cancellationToken));
        });
    }

    /// <summary>The settings a parsed command line gives; each default is written once, here.</summary>
    public AgentRunSettings Read(ParseResult result)
    {
        var push = _push.Read(result);
        return new()
        {
            Publisher = push.Publisher,
            Issuer = result.GetRequiredValue(_issuer),
            Audience = result.GetValue(_audience) ?? PushProtocol.DefaultAudience,
            Interval = _interval.Read(result),
            Resync = _resync.Read(result),
            Once = result.GetValue(_once),
            KeyFiles = result.GetValue(_keyFiles) ?? [],
            TokenFile = result.GetValue(_tokenFile),
            TokenExpiration = _tokenExpiration.Read(result),
            Cluster = _cluster.Read(result),
            LivenessFile = result.GetValue(_liveness),
            FailureThreshold = _threshold.Read(result),
            FunctionKeyFile = push.FunctionKeyFile,
            MaxAttempts = push.MaxAttempts,
            CaCert = push.CaCert,
        };
    }
}
