using IssuerSync.Storage.State;

namespace IssuerSync.Publisher.State;

/// <summary>How <see cref="IssuerStateUpdater"/> retries a write that lost a race.</summary>
public sealed class StateUpdateOptions
{
    /// <summary>Read-decide-write attempts before giving up with a <see cref="StateConflictException"/>.</summary>
    public int MaxAttempts { get; set; } = 60;

    /// <summary>
    /// First backoff ceiling is twice this; it doubles per attempt up to <see cref="MaxDelay"/>, with full jitter
    /// (<see cref="Core.Retries.Backoff"/>).
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The clock the waits between attempts run on. Not the issuers' policy clock the services are given: a test that
    /// freezes that one still lets racing writers retry.
    /// </summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
