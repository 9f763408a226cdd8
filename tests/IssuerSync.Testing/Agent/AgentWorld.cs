using IssuerSync.Testing.Cluster;
using IssuerSync.Testing.Push;

namespace IssuerSync.Testing.Agent;

/// <summary>
/// What an agent runs against in a test: a loopback fake API server serving a cluster's keys (<see cref="Api"/>, reached
/// through the kubeconfig at <see cref="Kubeconfig"/>), a loopback publisher recording the pushes (<see cref="Publisher"/>)
/// and a fresh folder (<see cref="Dir"/>); and the command lines of a run against them. <c>issuersync-agent</c> takes the
/// arguments as built; <c>issuersync agent run</c> takes them after <see cref="AgentRun"/>.
/// </summary>
public sealed class AgentWorld : IAsyncDisposable
{
    public const string Issuer = "https://oidc.example.com/cluster1";

    // The kubeconfig lives apart from Dir, so Dir holds only what a test writes there.
    private readonly TempDirectory _cluster = new();

    private AgentWorld(FakeApiServer api, FakePushEndpoint publisher)
    {
        Api = api;
        Publisher = publisher;
        Kubeconfig = api.WriteKubeconfig(_cluster.File("kubeconfig"));
    }

    public FakeApiServer Api { get; }

    public FakePushEndpoint Publisher { get; }

    public TempDirectory Dir { get; } = new();

    /// <summary>A kubeconfig for <see cref="Api"/> as its administrator.</summary>
    public string Kubeconfig { get; }

    public static async Task<AgentWorld> StartAsync(AgentWorldOptions? options = null)
    {
        options ??= new AgentWorldOptions();
        var api = await FakeApiServer.StartAsync().ConfigureAwait(false);
        var certificates = options.PublisherCertificates;
        var publisher = await FakePushEndpoint.StartAsync(certificates?.Leaf, certificates?.Intermediate is { } intermediate ? [intermediate] : null)
            .ConfigureAwait(false);
        publisher.BindTokens = options.PublisherBindsTokens;
        return new AgentWorld(api, publisher);
    }

    /// <summary><c>issuersync agent run ARGS</c>: the CLI's verb for what <c>issuersync-agent ARGS</c> does.</summary>
    public static string[] AgentRun(params string[] args) => ["agent", "run", .. args];

    /// <summary>A run against the cluster (keys from its discovery, tokens from its TokenRequest API), then <paramref name="extra"/>.</summary>
    public string[] RunArgs(params string[] extra)
        => ["--publisher", Publisher.BaseUri.ToString(), "--issuer", Issuer, "--kubeconfig", Kubeconfig, .. extra];

    /// <summary>One cycle against the cluster, one push attempt, then <paramref name="extra"/>.</summary>
    public string[] OnceArgs(params string[] extra) => RunArgs(["--once", "--max-attempts", "1", .. extra]);

    /// <summary>
    /// A run with no API server, as on a node: the keys from a public key file (a fresh RSA key), the token from a file,
    /// then <paramref name="extra"/>; the publisher is <paramref name="publisher"/> when given.
    /// </summary>
    public string[] KeyFileArgs(Uri? publisher, params string[] extra) =>
    [
        "--publisher", (publisher ?? Publisher.BaseUri).ToString(), "--issuer", Issuer,
        "--key-file", Dir.NewRsaPublicKeyFile(), "--token-file", Dir.Write("token", "projected-token-value"), .. extra,
    ];

    /// <summary><c>issuersync agent export</c> of the cluster's keys and a token to <paramref name="output"/>, then <paramref name="extra"/>.</summary>
    public string[] ExportArgs(string output, params string[] extra)
        => ["agent", "export", "--issuer", Issuer, "--out", output, "--kubeconfig", Kubeconfig, .. extra];

    public async ValueTask DisposeAsync()
    {
        await Publisher.DisposeAsync().ConfigureAwait(false);
        await Api.DisposeAsync().ConfigureAwait(false);
        Dir.Dispose();
        _cluster.Dispose();
    }
}
