using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Operators;

/// <summary>Where the operator verbs reach the publisher, with which key, and how they print its answers.</summary>
internal sealed class PublisherConnection
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The publisher's base URL as the operator typed it (https, or http to loopback).</summary>
    public required string Publisher { get; init; }

    /// <summary>A file holding the operator functions' key; null reads <c>ISSUERSYNC_FUNCTION_KEY</c>.</summary>
    public string? FunctionKeyFile { get; init; }

    /// <summary>A PEM file of extra trust roots, for a publisher behind a private CA.</summary>
    public string? CaCert { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public ReportFormat Output { get; init; } = ReportFormat.Table;
}
