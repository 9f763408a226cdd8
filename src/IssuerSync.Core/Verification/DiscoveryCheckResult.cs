namespace IssuerSync.Core.Verification;

/// <summary>The discovery document's findings, and what the next checks need from it.</summary>
public sealed record DiscoveryCheckResult(IReadOnlyList<Finding> Findings, string? JwksUri, IReadOnlyList<string>? Algorithms);
