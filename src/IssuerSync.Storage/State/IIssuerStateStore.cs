using IssuerSync.Core.Rotation;

namespace IssuerSync.Storage.State;

/// <summary>
/// One private JSON document per issuer, replaced only by a conditional write: "only if it still has
/// this ETag" (If-Match) or "only if it does not exist yet" (If-None-Match: *). Callers go through
/// the publisher's IssuerStateUpdater, which retries on conflict so concurrent writers lose nothing.
/// </summary>
public interface IIssuerStateStore
{
    /// <summary>Names the store in messages (never a secret).</summary>
    string DisplayName { get; }

    /// <summary>The stored state, or null when the issuer has none yet.</summary>
    Task<StateSnapshot?> ReadAsync(string issuerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="state"/> if the stored document still has <paramref name="ifMatch"/>
    /// (or, when it is null, if there is none yet). Returns the new ETag, or null when another writer
    /// got there first (re-read and decide again).
    /// </summary>
    Task<string?> TryWriteAsync(string issuerId, IssuerState state, string? ifMatch, CancellationToken cancellationToken = default);
}
