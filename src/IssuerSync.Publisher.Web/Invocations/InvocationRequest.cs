using System.Text.Json;

namespace IssuerSync.Publisher.Web.Invocations;

/// <summary>
/// The body the Functions host posts to <c>/{FunctionName}</c> for a non-HTTP trigger:
/// <c>{"Data": {"&lt;binding name&gt;": …}, "Metadata": {…}}</c>
/// (learn.microsoft.com/azure/azure-functions/functions-custom-handlers#request-payload).
/// </summary>
internal sealed class InvocationRequest
{
    private readonly JsonElement _data;
    private readonly JsonElement _metadata;

    private InvocationRequest(JsonElement data, JsonElement metadata)
    {
        _data = data;
        _metadata = metadata;
    }

    /// <summary>Null when the body is not a JSON object with a <c>Data</c> object.</summary>
    public static InvocationRequest? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var metadata = root.TryGetProperty("Metadata", out var m) ? m.Clone() : default;
            return new InvocationRequest(data.Clone(), metadata);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A trigger's value as text. The host hands a queue message over as a JSON string, but a message
    /// that is itself valid JSON (an id such as <c>42</c>, or a message a tool wrote JSON-quoted) can
    /// arrive as a number or a string in quotes; each reads back as the text that was enqueued.
    /// </summary>
    public string? Text(string bindingName)
    {
        if (!_data.TryGetProperty(bindingName, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is { Length: >= 2 } && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                text = JsonSerializer.Deserialize(text, InvocationJson.Default.String);
            }
            catch (JsonException)
            {
            }
        }

        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>How often the host has delivered this queue message (1 on the first try).</summary>
#pragma warning disable CA1507 // "DequeueCount" is the Functions host's metadata key, which this property happens to share a name with.
    public int? DequeueCount => _metadata.ValueKind == JsonValueKind.Object && _metadata.TryGetProperty("DequeueCount", out var count)
        ? count.ValueKind switch
        {
            JsonValueKind.Number when count.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(count.GetString(), out var n) => n,
            _ => null,
        }
        : null;
#pragma warning restore CA1507
}
