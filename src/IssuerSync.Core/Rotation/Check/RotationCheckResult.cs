namespace IssuerSync.Core.Rotation.Check;

/// <summary>
/// The answer of <see cref="RotationCheck.Decide"/>: the verdict, when the step becomes safe if only time is missing,
/// and every reason in the order checked.
/// </summary>
public sealed record RotationCheckResult
{
    public required RotationStep Step { get; init; }

    public required StepVerdict Verdict { get; init; }

    public required string NewKid { get; init; }

    public string? OldKid { get; init; }

    /// <summary>When the step is (or was) safe, when that is known.</summary>
    public DateTimeOffset? SafeAt { get; init; }

    /// <summary>Until <see cref="SafeAt"/>, for <see cref="StepVerdict.NotYet"/>.</summary>
    public TimeSpan? TimeLeft { get; init; }

    /// <summary>One line per fact weighed; the last says what to do.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    public bool IsSafe => Verdict == StepVerdict.Safe;
}
