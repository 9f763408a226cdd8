namespace IssuerSync.Core.Verification;

/// <summary>The token's findings, and its sub and aud: what a cloud's trust policy must match.</summary>
public sealed record TokenCheckResult(IReadOnlyList<Finding> Findings, string? Subject, IReadOnlyList<string> Audiences);
