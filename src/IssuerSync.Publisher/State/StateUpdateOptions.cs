using IssuerSync.Storage.State;

namespace IssuerSync.Publisher.State;

/// <summary>How <see cref="IssuerStateUpdater"/> retries a write that lost a race.</summary>
public sealed class StateUpdateOptions
{
    /// <summary>Read-decide-write attempts before giving up with a <see cref="StateConflictException"/>.</summary>
    public int MaxAttempts { get; set; } = 60;

    /// <summary>First backoff; doubles per attempt up to <see cref="MaxDelay"/>, with full jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
