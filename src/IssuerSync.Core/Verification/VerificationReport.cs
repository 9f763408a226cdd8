namespace IssuerSync.Core.Verification;

/// <summary>Everything <c>verify</c> found about one issuer, in the order the checks ran.</summary>
public sealed record VerificationReport(string Issuer, IReadOnlyList<Finding> Findings, string? TokenSubject, IReadOnlyList<string>? TokenAudiences)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    public int Count(FindingSeverity severity) => Findings.Count(f => f.Severity == severity);
}
