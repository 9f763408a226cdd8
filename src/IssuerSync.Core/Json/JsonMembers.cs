using System.Text.Json;

namespace IssuerSync.Core.Json;

/// <summary>Reads single members of a parsed JSON object without throwing on the wrong kind.</summary>
internal static class JsonMembers
{
    /// <summary>The string member <paramref name="name"/>, or null when <paramref name="element"/> is no object, lacks it, or it is no string.</summary>
    public static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
