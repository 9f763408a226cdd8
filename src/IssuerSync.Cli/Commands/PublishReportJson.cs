using IssuerSync.Core.Documents;
using IssuerSync.Core.Json;
using IssuerSync.Storage.Publishing;

namespace IssuerSync.Cli.Commands;

/// <summary><c>publish --output json</c>: the report as one camelCase object, in the style of <c>verify --output json</c>.</summary>
internal static class PublishReportJson
{
    public static string Build(PublishReport report, IssuerDocuments documents, string target, bool dryRun)
    {
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("issuer", documents.Issuer.Value);
            writer.WriteString("jwksUri", documents.JwksUri.Value);
            writer.WriteString("target", target);
            writer.WriteBoolean("dryRun", dryRun);
            writer.WriteStartArray("documents");
            foreach (var document in report.Documents)
            {
                writer.WriteStartObject();
                writer.WriteString("name", document.Document);
                writer.WriteString("path", document.Path);
                writer.WriteString("status", document.Status switch
                {
                    DocumentStatus.Written => "written",
                    DocumentStatus.Unchanged => "unchanged",
                    _ => "wouldWrite",
                });
                writer.WriteNumber("bytes", document.Bytes);
                writer.WriteString("location", document.Location);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("written", report.Written);
            writer.WriteNumber("unchanged", report.Unchanged);
            writer.WriteStartObject("kids");
            writer.WriteStrings("added", report.Kids.Added);
            writer.WriteStrings("kept", report.Kids.Kept);
            writer.WriteStrings("removed", report.Kids.Removed);
            writer.WriteBoolean("servedUnreadable", report.Kids.ServedUnreadable);
            writer.WriteEndObject();
            writer.WriteStartObject("requests");
            writer.WriteNumber("reads", report.ReadRequests);
            writer.WriteNumber("writes", report.WriteRequests);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }
}
