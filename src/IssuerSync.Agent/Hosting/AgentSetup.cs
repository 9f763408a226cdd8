using IssuerSync.Agent.Cluster;
using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Logging;
using IssuerSync.Agent.Push;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using IssuerSync.Core.Issuers;
using k8s;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// Builds the agent's parts from command-line values, shared by <c>agent run</c>, <c>agent export</c>, <c>push</c> and
/// <c>issuersync-agent</c>.
/// </summary>
public sealed class AgentSetup : IDisposable
{
    private readonly ClusterAccess _cluster;
    private KubernetesClientConfiguration? _configuration;
    private Kubernetes? _client;

    public AgentSetup(ClusterAccess cluster) => _cluster = cluster;

    public TimeSpan ApiServerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IKeySource KeySource(IReadOnlyList<string> keyFiles, IssuerUrl issuer)
        => keyFiles.Count > 0
            ? new KeyFileKeySource(keyFiles)
            : new ApiServerKeySource(Client(), issuer, Account(), ApiServerTimeout);

    public ITokenSource TokenSource(string? tokenFile, string audience, TimeSpan expiration, TimeProvider? time = null, ILogger? logger = null)
        => tokenFile is not null
            ? new TokenFileSource(tokenFile, time, logger)
            : new TokenRequestSource(Client(), Account(), audience, expiration);

    public static async Task<string?> FunctionKeyAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(AgentOptions.FunctionKeyVariable);
            return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
        }

        try
        {
            var key = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
            return key.Length > 0 ? key : throw new IssuerSyncException(
                $"--function-key-file '{path}': is empty. Hint: mount the Azure Functions key from a Secret, or leave the option out");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IssuerSyncException(
                $"--function-key-file '{path}': cannot be read ({e.Message.TrimEnd('.')}). " +
                "Hint: mount the Azure Functions key from a Secret, or leave the option out");
        }
    }

    public static ILoggerProvider Logs(TextWriter stderr, TimeProvider time) => new JsonLineLoggerProvider(stderr, time);

    /// <summary>The push client of <c>agent run</c> and <c>push</c>: retries, timeouts and the function key from <paramref name="settings"/>.</summary>
    public static async Task<PushClient> PushClientAsync(
        IPushSettings settings,
        HttpClient http,
        Uri endpoint,
        ILoggerProvider logs,
        CancellationToken cancellationToken)
    {
        var functionKey = await FunctionKeyAsync(settings.FunctionKeyFile, cancellationToken).ConfigureAwait(false);
        return new PushClient(
            http,
            endpoint,
            new PushClientOptions
            {
                MaxAttempts = settings.MaxAttempts,
                RequestTimeout = settings.RequestTimeout,
                InitialBackoff = settings.InitialBackoff,
                FunctionKey = functionKey,
                Random = settings.Random,
            },
            settings.Time,
            logs.CreateLogger("IssuerSync.Agent.Push"));
    }

    public void Dispose() => _client?.Dispose();

    private Kubernetes Client()
    {
        _configuration ??= KubernetesConnection.LoadConfiguration(
            _cluster.Kubeconfig,
            _cluster.Context,
            Environment.GetEnvironmentVariable(KubernetesConnection.KubeconfigVariable));
        return _client ??= new Kubernetes(_configuration);
    }

    private ServiceAccountRef Account()
    {
        _configuration ??= KubernetesConnection.LoadConfiguration(
            _cluster.Kubeconfig,
            _cluster.Context,
            Environment.GetEnvironmentVariable(KubernetesConnection.KubeconfigVariable));
        return KubernetesConnection.Account(_configuration, _cluster.Namespace, _cluster.ServiceAccount);
    }
}
