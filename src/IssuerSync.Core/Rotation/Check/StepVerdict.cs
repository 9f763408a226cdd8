namespace IssuerSync.Core.Rotation.Check;

/// <summary>Whether a rotation step may be taken now.</summary>
public enum StepVerdict
{
    /// <summary>Every condition holds: take the step.</summary>
    Safe,

    /// <summary>Only time is missing: safe at <see cref="RotationCheckResult.SafeAt"/>.</summary>
    NotYet,

    /// <summary>Waiting alone does not make it safe: something must be done first (the reasons say what).</summary>
    Blocked,

    /// <summary>What the decision needs cannot be known from what was given (the reasons say what is missing).</summary>
    Unknown,
}
