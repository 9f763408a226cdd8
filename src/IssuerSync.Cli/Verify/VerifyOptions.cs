namespace IssuerSync.Cli.Verify;

/// <summary>What <c>issuersync verify</c> checks, and how it reports.</summary>
internal sealed class VerifyOptions
{
    public required string Issuer { get; init; }

    /// <summary>A projected service-account token file to check against the published keys.</summary>
    public string? TokenFile { get; init; }

    public string? Audience { get; init; }

    /// <summary>A PEM file of extra trust roots (private PKI, tests).</summary>
    public string? CaCert { get; init; }

    public ReportFormat Output { get; init; } = ReportFormat.Table;

    public TimeSpan Timeout { get; init; } = IssuerFetcher.DefaultTimeout;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
