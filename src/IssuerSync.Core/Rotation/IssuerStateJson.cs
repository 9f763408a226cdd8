using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IssuerSync.Core.Rotation;

/// <summary>
/// The stored form of <see cref="IssuerState"/>: indented UTF-8 JSON with a schemaVersion. Same state,
/// same bytes. A document of a newer schema is refused rather than misread.
/// </summary>
public static class IssuerStateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<KeyStatus>(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = IssuerStateJsonContext.Default,
    };

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<IssuerState> StateInfo =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<IssuerState>)Options.GetTypeInfo(typeof(IssuerState));

    public static byte[] Write(IssuerState state) => JsonSerializer.SerializeToUtf8Bytes(state, StateInfo);

    /// <summary>Reads a state document; <paramref name="source"/> names it in errors.</summary>
    public static IssuerState Read(ReadOnlySpan<byte> json, string source)
    {
        int version;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            version = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out var v)
                && v.TryGetInt32(out var n) ? n : 0;
        }
        catch (JsonException e)
        {
            throw new StateFormatException(
                $"{source}: the state document is not valid JSON ({e.Message}): restore it from a backup or the blob's previous version");
        }

        if (version != IssuerState.CurrentSchemaVersion)
        {
            throw new StateFormatException(version > IssuerState.CurrentSchemaVersion
                ? $"{source}: state schema version {version} is newer than this publisher understands ({IssuerState.CurrentSchemaVersion}): upgrade IssuerSync"
                : $"{source}: state schema version {version} is unknown (expected {IssuerState.CurrentSchemaVersion}): restore the document from a backup");
        }

        try
        {
            var state = Defaults(JsonSerializer.Deserialize(json, StateInfo) ?? throw new JsonException("null document"));
            return NullElement(state) is { } where ? throw new JsonException($"{where} is null") : state;
        }
        catch (JsonException e)
        {
            throw new StateFormatException($"{source}: the state document does not match schema version {version} ({e.Message}): restore it from a backup");
        }
    }

    /// <summary>
    /// IMPORTANT: generated deserialization leaves an absent init-only member at its default (null), not at its
    /// initializer. An explicit null is refused by the serializer (RespectNullableAnnotations), so a null here
    /// means "absent": read it as empty, as the initializer says.
    /// </summary>
    private static IssuerState Defaults(IssuerState state) => state with
    {
        Keys = state.Keys ?? [],
        Tokens = state.Tokens ?? [],
        History = state.History ?? [],
        Publication = state.Publication is { PublishedKids: null } p ? p with { PublishedKids = [] } : state.Publication,
    };

    /// <summary>Where a collection holds a null (the serializer checks members, not collection elements).</summary>
    private static string? NullElement(IssuerState state)
    {
        var key = IndexOfNull(state.Keys);
        if (key >= 0)
        {
            return $"keys[{key}]";
        }

        var token = IndexOfNull(state.Tokens);
        if (token >= 0)
        {
            return $"tokens[{token}]";
        }

        var entry = IndexOfNull(state.History);
        if (entry >= 0)
        {
            return $"history[{entry}]";
        }

        for (var i = 0; i < state.History.Count; i++)
        {
            var kid = IndexOfNull(state.History[i].Kids);
            if (kid >= 0)
            {
                return $"history[{i}].kids[{kid}]";
            }
        }

        return null;
    }

    private static int IndexOfNull<T>(IReadOnlyList<T?> items)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return i;
            }
        }

        return -1;
    }
}
