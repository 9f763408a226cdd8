namespace IssuerSync.Core.Rotation;

/// <summary>
/// The rotation rules as a pure function of (state, event, now) → new state + history entries.
/// Invariants kept by every path: once a key is published the published set is never empty; a
/// revoked kid is never published again; the kid that signed the latest accepted trusted push stays
/// published until an operator revokes it with confirmation.
/// </summary>
public static class RotationPolicy
{
    public static RotationResult Apply(IssuerState state, RotationEvent change, RotationOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(options);
        var work = new RotationWork(state, options, now.ToUniversalTime());
        work.PassTime();
        var error = change switch
        {
            PushEvent push => work.Push(push),
            ApproveEvent approve => work.Approve(approve),
            RevokeEvent revoke => work.Revoke(revoke),
            TimePassedEvent => null,
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "unknown rotation event"),
        };

        return error is null
            ? new RotationResult(work.Build(), work.Added, null)
            : new RotationResult(state, [], error);
    }

    /// <summary>True when two states would be stored as the same bytes.</summary>
    public static bool SameState(IssuerState a, IssuerState b)
        => IssuerStateJson.Write(a).AsSpan().SequenceEqual(IssuerStateJson.Write(b));
}
