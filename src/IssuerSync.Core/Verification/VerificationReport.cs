namespace IssuerSync.Core.Verification;

/// <summary>Everything <c>verify</c> found about one issuer, in the order the checks ran.</summary>
public sealed record VerificationReport(string Issuer, IReadOnlyList<Finding> Findings, string? TokenSubject, IReadOnlyList<string>? TokenAudiences)
{
    /// <summary>Hosts whose TLS certificate was valid only with the caller's extra roots (--ca-cert): the clouds would refuse them.</summary>
    public IReadOnlyList<string> PrivatelyTrustedHosts { get; init; } = [];

    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    public int Count(FindingSeverity severity) => Findings.Count(f => f.Severity == severity);
}
