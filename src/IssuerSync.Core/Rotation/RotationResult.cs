namespace IssuerSync.Core.Rotation;

/// <summary>
/// The outcome of one event: the new state (with the history entries appended) and whether it
/// differs from the old one, or the refusal (the old state is then kept unchanged).
/// </summary>
public sealed record RotationResult(IssuerState State, IReadOnlyList<HistoryEntry> Added, RotationError? Error)
{
    public bool Refused => Error is not null;
}
