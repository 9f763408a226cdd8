using System.Text;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Publisher.Web.Http;

/// <summary>Writes a service's answer as it is: status code and JSON bytes.</summary>
internal static class JsonAnswer
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task WriteAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    /// <summary>A refusal of the host's own (body too large, key missing): <c>{"error", "message"}</c> as the services write it.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        return WriteAsync(context, status, buffer.ToArray());
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
