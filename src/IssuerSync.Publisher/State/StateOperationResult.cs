using IssuerSync.Core.Rotation;

namespace IssuerSync.Publisher.State;

/// <summary>A state change as applied: the state it was decided on and the policy's result.</summary>
public sealed record StateOperationResult(IssuerState Before, RotationResult Result)
{
    /// <summary>True when the change altered the keys a cloud sees, so the documents must be republished.</summary>
    public bool PublishedSetChanged => !Result.Refused && !Before.PublishedKids.SequenceEqual(Result.State.PublishedKids, StringComparer.Ordinal);
}
