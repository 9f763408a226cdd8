using IssuerSync.Testing.Cluster;
using IssuerSync.Testing.Push;
using Xunit;

namespace IssuerSync.Testing.Agent;

/// <summary>A test class whose every test runs in a fresh <see cref="AgentWorld"/>, started before it and stopped after it.</summary>
public abstract class AgentWorldTests : IAsyncLifetime
{
    public const string Issuer = AgentWorld.Issuer;

    private AgentWorld? _world;

    protected AgentWorld World => _world ?? throw new InvalidOperationException("the agent world starts in InitializeAsync");

    protected FakeApiServer Api => World.Api;

    protected FakePushEndpoint Publisher => World.Publisher;

    protected TempDirectory Dir => World.Dir;

    /// <summary>Read once per test, before the world starts (after the constructor, so it may use the class's fields).</summary>
    protected virtual AgentWorldOptions Options => new();

    public async Task InitializeAsync() => _world = await AgentWorld.StartAsync(Options).ConfigureAwait(false);

    /// <summary>Stops the world; a class that holds more overrides this and calls it last.</summary>
    public virtual async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync().ConfigureAwait(false);
        }
    }
}
