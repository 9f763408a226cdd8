using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using IssuerSync.Storage.State;

namespace IssuerSync.Publisher.State;

/// <summary>
/// Operator actions and the reconcile tick on an issuer's stored state, each applied by
/// <see cref="RotationPolicy"/> on a fresh read and written conditionally.
/// </summary>
public sealed class IssuerStateOperations
{
    private readonly IssuerStateUpdater _updater;
    private readonly TimeProvider _time;

    public IssuerStateOperations(IIssuerStateStore store, TimeProvider time, StateUpdateOptions? updateOptions = null)
    {
        _updater = new IssuerStateUpdater(store, updateOptions);
        _time = time;
    }

    public Task<RotationResult> ApproveAsync(
        IssuerRegistration registration,
        IReadOnlyList<string> fingerprints,
        string operatorName,
        CancellationToken cancellationToken = default)
        => ApplyAsync(registration, new ApproveEvent(fingerprints, operatorName), cancellationToken);

    public Task<RotationResult> RevokeAsync(
        IssuerRegistration registration,
        string kid,
        string operatorName,
        bool confirmSigningKey,
        CancellationToken cancellationToken = default)
        => ApplyAsync(registration, new RevokeEvent(kid, operatorName, confirmSigningKey), cancellationToken);

    /// <summary>Drops retained keys past their deadline and forgets expired token bindings.</summary>
    public Task<RotationResult> ReconcileAsync(IssuerRegistration registration, CancellationToken cancellationToken = default)
        => ApplyAsync(registration, TimePassedEvent.Instance, cancellationToken);

    /// <summary>The stored state, or a new empty one when the issuer has none yet.</summary>
    public async Task<IssuerState> ReadAsync(IssuerRegistration registration, CancellationToken cancellationToken = default)
        => (await _updater.ReadAsync(registration.Id, registration.Issuer, cancellationToken).ConfigureAwait(false))?.State
           ?? IssuerState.New(registration.Id, registration.Issuer);

    public async Task<RotationResult> ApplyAsync(IssuerRegistration registration, RotationEvent change, CancellationToken cancellationToken = default)
        => (await ChangeAsync(registration, change, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>Applies <paramref name="change"/> and answers the result with the state it was decided on.</summary>
    public Task<StateOperationResult> ChangeAsync(IssuerRegistration registration, RotationEvent change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var options = RotationOptions.From(registration);
        return _updater.UpdateAsync(
            registration.Id,
            registration.Issuer,
            (state, _) =>
            {
                var result = RotationPolicy.Apply(state, change, options, _time.GetUtcNow());
                var write = !result.Refused && !RotationPolicy.SameState(state, result.State);
                return Task.FromResult(new StateChange<StateOperationResult>(write ? result.State : null, new StateOperationResult(state, result)));
            },
            cancellationToken);
    }
}
