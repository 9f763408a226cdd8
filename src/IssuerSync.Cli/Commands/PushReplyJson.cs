using System.Text.Json;
using IssuerSync.Agent.Push;
using IssuerSync.Core.Json;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// <c>push --output json</c>: the publisher's answer (status, kids, publish summary; or its refusal) as one camelCase object, in the style of
/// <c>verify --output json</c>.
/// </summary>
internal static class PushReplyJson
{
    public static string Build(PushReply result, string bundle, string issuer)
    {
        var response = result.Response;
        return CliJson.Write(writer =>
        {
            Head(writer, bundle, issuer, result.Pending ? "pending" : "accepted", (int)result.StatusCode, result.Attempts);
            writer.WriteBoolean("changed", response.Changed);
            writer.WriteStrings("published", response.Published);
            writer.WriteStrings("pending", response.Pending);
            if (response.Publish is { } publish)
            {
                writer.WriteStartObject("publish");
                writer.WriteString("status", publish.Status);
                if (publish.Message is not null)
                {
                    writer.WriteString("message", publish.Message);
                }

                writer.WriteArray("documents", publish.Documents, static (w, document) =>
                {
                    w.WriteStartObject();
                    w.WriteString("name", document.Name);
                    w.WriteString("status", document.Status);
                    w.WriteEndObject();
                });
                writer.WriteStrings("kids", publish.Kids);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("publish");
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>A refusal (4xx): status "refused", the publisher's reason code and message.</summary>
    public static string Refusal(PushRejectedException refusal, string bundle, string issuer)
        => CliJson.Write(writer =>
        {
            Head(writer, bundle, issuer, "refused", (int)refusal.StatusCode, refusal.Attempts);
            writer.WriteString("error", refusal.Reason);
            writer.WriteString("message", refusal.PublisherMessage);
            writer.WriteEndObject();
        });

    /// <summary>Opens the object with the members both answers start with.</summary>
    private static void Head(Utf8JsonWriter writer, string bundle, string issuer, string status, int httpStatus, int attempts)
    {
        writer.WriteStartObject();
        writer.WriteString("bundle", bundle);
        writer.WriteString("issuer", issuer);
        writer.WriteString("status", status);
        writer.WriteNumber("httpStatus", httpStatus);
        writer.WriteNumber("attempts", attempts);
    }
}
