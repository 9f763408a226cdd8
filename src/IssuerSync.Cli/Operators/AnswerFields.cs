using System.Text.Json;
using System.Text.Json.Nodes;

namespace IssuerSync.Cli.Operators;

/// <summary>Reads the fields of the publisher's answers leniently: a missing or mistyped field reads as absent, never as a crash.</summary>
internal static class AnswerFields
{
    public static string? Text(this JsonNode? node, string name)
        => node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool Flag(this JsonNode? node, string name)
        => node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node, string name)
        => node is JsonObject o && o[name] is JsonArray a ? a.OfType<JsonObject>() : [];

    /// <summary>The kids of a list of kids, or of objects with a <c>kid</c> (status lists pending keys as <c>{kid, fingerprint}</c>).</summary>
    public static IReadOnlyList<string> Kids(this JsonNode? node, string name)
        => node is JsonObject o && o[name] is JsonArray a
            ? a.Select(e => e is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : e.Text("kid")).OfType<string>().ToList()
            : [];

    /// <summary><c>lastError</c> and the like: a string, an object with code/error and message, or any JSON.</summary>
    public static string? Describe(this JsonNode? node, string name)
    {
        var value = node is JsonObject o ? o[name] : null;
        return value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonObject e when (e.Text("code") ?? e.Text("error")) is { } code
                => $"{code}: {e.Text("message")}{(e.Text("at") is { } at ? $" (at {at})" : string.Empty)}",
            _ => value.ToJsonString(),
        };
    }
}
