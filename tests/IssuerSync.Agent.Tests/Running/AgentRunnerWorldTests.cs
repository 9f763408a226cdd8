using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Push;
using IssuerSync.Agent.Running;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Push;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Agent.Tests.Running;

/// <summary>
/// A test class that runs the agent in process (an <see cref="AgentRunner"/> reading the fake API server's keys and
/// minting its tokens, pushing to the fake publisher) in a fresh <see cref="AgentWorld"/> per test, on a test clock.
/// </summary>
public abstract class AgentRunnerWorldTests : AgentWorldTests
{
    protected static readonly ServiceAccountRef Account = new(FakeApiServer.Namespace, FakeApiServer.AccountName);

    // No client timeout: the test clock, not the wall clock, decides when the agent gives up.
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private Kubernetes? _client;

    protected TestTimeProvider Time { get; } = new();

    private Kubernetes Client => _client ??= new Kubernetes(Api.ClientConfiguration());

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        _http.Dispose();
        await base.DisposeAsync();
    }

    protected ApiServerKeySource KeySource() => new(Client, IssuerUrl.Parse(Issuer), Account, TimeSpan.FromSeconds(10));

    /// <summary>The agent for <see cref="AgentWorld.Issuer"/>; by default on <see cref="Time"/>, silent, with the push client's defaults.</summary>
    protected AgentRunner Runner(
        AgentRunOptions? options = null, TimeProvider? time = null, ILogger? logger = null, PushClientOptions? pushOptions = null, IKeySource? keys = null)
    {
        time ??= Time;
        var push = new PushClient(_http, PublisherEndpoint.Parse(Publisher.BaseUri.ToString()), pushOptions ?? new PushClientOptions(), time, NullLogger.Instance);
        return new AgentRunner(
            keys ?? KeySource(),
            new TokenRequestSource(Client, Account, PushProtocol.DefaultAudience, TimeSpan.FromMinutes(10)),
            push,
            options ?? new AgentRunOptions { Issuer = IssuerUrl.Parse(Issuer) },
            time,
            logger ?? NullLogger.Instance);
    }
}
