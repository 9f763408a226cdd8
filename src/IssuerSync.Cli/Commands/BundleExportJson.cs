using System.Globalization;
using IssuerSync.Agent.Configuration;
using IssuerSync.Core.Json;

namespace IssuerSync.Cli.Commands;

/// <summary><c>agent export --output json</c>: what was written, for which issuer, and how long its token lives (never the token).</summary>
internal static class BundleExportJson
{
    public sealed record Report(
        string Bundle,
        string Issuer,
        IReadOnlyList<string?> Kids,
        DateTimeOffset? TokenExpiresAt,
        TimeSpan TokenAsked,
        bool TokenCapped,
        string? Note);

    public static string Build(Report report) => CliJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("bundle", report.Bundle);
        writer.WriteString("issuer", report.Issuer);
        writer.WriteStrings("kids", report.Kids.Select(k => k ?? string.Empty));
        if (report.TokenExpiresAt is { } at)
        {
            writer.WriteString("tokenExpiresAt", at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull("tokenExpiresAt");
        }

        writer.WriteString("tokenAsked", Duration.Format(report.TokenAsked));
        writer.WriteBoolean("tokenCapped", report.TokenCapped);
        writer.WriteStrings("warnings", report.Note is null ? [] : [report.Note]);
        writer.WriteEndObject();
    });
}
