namespace IssuerSync.Cli.Verify;

/// <summary>How <c>verify</c> prints its findings: a table for people, JSON for scripts.</summary>
internal enum ReportFormat
{
    Table,
    Json,
}
