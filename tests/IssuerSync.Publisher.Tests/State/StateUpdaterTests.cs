using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.State;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.State;

public sealed class StateUpdaterTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly DirectoryStateStore _store;

    public StateUpdaterTests() => _store = new DirectoryStateStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task UpdateAsync_LosesNoUpdate_WhenFiftyWritersRace()
    {
        var updater = new IssuerStateUpdater(_store);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => updater.UpdateAsync(
            "prod",
            StateWorld.Issuer,
            (state, _) => Task.FromResult(new StateChange<int>(state with { Tokens = [.. state.Tokens, new TokenBinding($"t{i:00}", "b", StateWorld.Now.AddHours(1))] }, i))))));

        var final = (await _store.ReadAsync("prod"))!.State;
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"t{i:00}"), final.Tokens.Select(t => t.TokenHash).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_Refuses_WhenTheNewStateRewritesHistory()
    {
        var updater = new IssuerStateUpdater(_store);
        var withHistory = StateWorld.Trusted() with { History = [new HistoryEntry { At = StateWorld.Now, Action = HistoryAction.Approved, Kids = ["k"], By = HistoryActor.ForOperator("alice") }] };
        await _store.TryWriteAsync("prod", withHistory, null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => updater.UpdateAsync(
            "prod", StateWorld.Issuer, (state, _) => Task.FromResult(new StateChange<int>(state with { History = [] }, 0))));

        Assert.Equal("the new state of issuer prod rewrites its history: history is append-only", error.Message);
    }

    [Fact]
    public async Task UpdateAsync_Refuses_WhenTheDocumentBelongsToAnotherIssuer()
    {
        await _store.TryWriteAsync("prod", IssuerState.New("prod", "https://oidc.example.com/else"), null);
        var updater = new IssuerStateUpdater(_store);

        var error = await Assert.ThrowsAsync<IssuerSync.Storage.Targets.StorageException>(() => updater.UpdateAsync(
            "prod", StateWorld.Issuer, (state, _) => Task.FromResult(new StateChange<int>(null, 0))));

        Assert.Contains("belongs to 'prod' (https://oidc.example.com/else), not to 'prod' (https://oidc.example.com/prod)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_DecidesAgainOnAFreshRead_WhenAnotherWriterGotThereFirst()
    {
        await _store.TryWriteAsync("prod", StateWorld.Trusted(), null);
        var updater = new IssuerStateUpdater(_store);
        var seen = new List<DateTimeOffset?>();

        await updater.UpdateAsync("prod", StateWorld.Issuer, async (state, ct) =>
        {
            seen.Add(state.LastObservedAt);
            if (seen.Count == 1)
            {
                // Another writer commits between this writer's read and its write.
                var current = await _store.ReadAsync("prod", ct);
                await _store.TryWriteAsync("prod", current!.State with { LastObservedAt = StateWorld.Now }, current.ETag, ct);
            }

            return new StateChange<int>(state with { Tokens = [new TokenBinding("mine", "b", StateWorld.Now.AddHours(1))] }, 0);
        });

        var final = (await _store.ReadAsync("prod"))!.State;
        Assert.Equal([null, StateWorld.Now], seen);
        Assert.Equal(StateWorld.Now, final.LastObservedAt);
        Assert.Equal("mine", Assert.Single(final.Tokens).TokenHash);
    }

    [Fact]
    public async Task UpdateAsync_GivesUpWithAConflict_AfterItsLastAttempt()
    {
        await _store.TryWriteAsync("prod", StateWorld.Trusted(), null);
        var updater = new IssuerStateUpdater(_store, new StateUpdateOptions { MaxAttempts = 2 });
        var n = 0;

        var error = await Assert.ThrowsAsync<StateConflictException>(() => updater.UpdateAsync("prod", StateWorld.Issuer, async (state, ct) =>
        {
            var current = await _store.ReadAsync("prod", ct);
            await _store.TryWriteAsync("prod", current!.State with { LastObservedAt = StateWorld.Now.AddMinutes(++n) }, current.ETag, ct);
            return new StateChange<int>(state, 0);
        }));

        Assert.Equal($"state dir:{_folder.Path}: the state of issuer prod changed under 2 attempts in a row: too many concurrent writers; retry later", error.Message);
    }

    [Fact]
    public async Task UpdateAsync_WaitsOnItsTimeProvider_BeforeRetryingALostRace()
    {
        await _store.TryWriteAsync("prod", StateWorld.Trusted(), null);
        var clock = new FakeTimeProvider(StateWorld.Now);
        // An hour: were the wait on the real clock, the update could not finish within the test.
        var updater = new IssuerStateUpdater(_store, new StateUpdateOptions { BaseDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1), Time = clock });
        var decisions = 0;
        var raced = new TaskCompletionSource();

        var update = updater.UpdateAsync("prod", StateWorld.Issuer, async (state, ct) =>
        {
            if (++decisions == 1)
            {
                var current = await _store.ReadAsync("prod", ct);
                await _store.TryWriteAsync("prod", current!.State with { LastObservedAt = StateWorld.Now }, current.ETag, ct);
                raced.SetResult();
            }

            return new StateChange<int>(state with { Tokens = [new TokenBinding("mine", "b", StateWorld.Now.AddHours(1))] }, decisions);
        });
        await raced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);

        Assert.False(update.IsCompleted, "the retry waits for the injected clock");
        Assert.Equal(1, decisions);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await update.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("mine", Assert.Single((await _store.ReadAsync("prod"))!.State.Tokens).TokenHash);
    }
}
