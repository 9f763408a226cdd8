using IssuerSync.Core.Retries;
using IssuerSync.Core.Rotation;
using IssuerSync.Storage.State;

namespace IssuerSync.Publisher.State;

/// <summary>
/// Read → decide → conditional write, repeated from a fresh read whenever another writer got there
/// first, so every decision is taken on the state it replaces and no update is lost. Also enforces
/// that history is append-only and that a document belongs to its issuer.
/// </summary>
public sealed class IssuerStateUpdater
{
    private readonly IIssuerStateStore _store;
    private readonly StateUpdateOptions _options;

    public IssuerStateUpdater(IIssuerStateStore store, StateUpdateOptions? options = null)
    {
        _store = store;
        _options = options ?? new StateUpdateOptions();
    }

    public async Task<T> UpdateAsync<T>(
        string issuerId,
        string issuer,
        Func<IssuerState, CancellationToken, Task<StateChange<T>>> decide,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(issuerId, issuer, cancellationToken).ConfigureAwait(false);
            var state = current?.State ?? IssuerState.New(issuerId, issuer);
            var change = await decide(state, cancellationToken).ConfigureAwait(false);
            if (change.NewState is null)
            {
                return change.Result;
            }

            CheckAppendOnly(state, change.NewState, issuerId);
            var etag = await _store.TryWriteAsync(issuerId, change.NewState, current?.ETag, cancellationToken).ConfigureAwait(false);
            if (etag is not null)
            {
                return change.Result;
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new StateConflictException(
                    $"{_store.DisplayName}: the state of issuer {issuerId} changed under {attempt} attempts in a row: " +
                    "too many concurrent writers; retry later");
            }

            var delay = Backoff.Delay(attempt, _options.BaseDelay, _options.MaxDelay, Random.Shared);
            await Task.Delay(delay, _options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stored state, checked to belong to <paramref name="issuerId"/> and <paramref name="issuer"/>.</summary>
    public async Task<StateSnapshot?> ReadAsync(string issuerId, string issuer, CancellationToken cancellationToken = default)
    {
        var current = await _store.ReadAsync(issuerId, cancellationToken).ConfigureAwait(false);
        if (current is not null && (current.State.IssuerId != issuerId || current.State.Issuer != issuer))
        {
            throw new Storage.Targets.StorageException(
                $"{_store.DisplayName}: the state document of issuer {issuerId} belongs to '{current.State.IssuerId}' ({current.State.Issuer}), " +
                $"not to '{issuerId}' ({issuer}): the registration's id or issuer changed; restore the registration or move the document");
        }

        return current;
    }

    /// <summary>
    /// History is append-only, except that compaction may forget the oldest entries: the new history must be
    /// a non-empty suffix of the old one followed by new entries (nothing kept is changed or reordered).
    /// </summary>
    internal static void CheckAppendOnly(IssuerState before, IssuerState after, string issuerId)
    {
        var old = before.History;
        var now = after.History;
        for (var dropped = 0; dropped < Math.Max(old.Count, 1); dropped++)
        {
            var kept = old.Count - dropped;
            if (now.Count >= kept && old.Skip(dropped).SequenceEqual(now.Take(kept)))
            {
                return;
            }
        }

        throw new InvalidOperationException($"the new state of issuer {issuerId} rewrites its history: history is append-only");
    }
}
