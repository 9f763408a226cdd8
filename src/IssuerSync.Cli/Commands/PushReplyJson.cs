using IssuerSync.Agent.Push;

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
            writer.WriteStartObject();
            writer.WriteString("bundle", bundle);
            writer.WriteString("issuer", issuer);
            writer.WriteString("status", result.Pending ? "pending" : "accepted");
            writer.WriteNumber("httpStatus", (int)result.StatusCode);
            writer.WriteNumber("attempts", result.Attempts);
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

                writer.WriteStartArray("documents");
                foreach (var document in publish.Documents)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", document.Name);
                    writer.WriteString("status", document.Status);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
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
            writer.WriteStartObject();
            writer.WriteString("bundle", bundle);
            writer.WriteString("issuer", issuer);
            writer.WriteString("status", "refused");
            writer.WriteNumber("httpStatus", (int)refusal.StatusCode);
            writer.WriteNumber("attempts", refusal.Attempts);
            writer.WriteString("error", refusal.Reason);
            writer.WriteString("message", refusal.PublisherMessage);
            writer.WriteEndObject();
        });
}
