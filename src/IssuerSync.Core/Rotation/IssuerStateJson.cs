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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static byte[] Write(IssuerState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

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
            throw new StateFormatException($"{source}: the state document is not valid JSON ({e.Message}): restore it from a backup or the blob's previous version");
        }

        if (version != IssuerState.CurrentSchemaVersion)
        {
            throw new StateFormatException(version > IssuerState.CurrentSchemaVersion
                ? $"{source}: state schema version {version} is newer than this publisher understands ({IssuerState.CurrentSchemaVersion}): upgrade IssuerSync"
                : $"{source}: state schema version {version} is unknown (expected {IssuerState.CurrentSchemaVersion}): restore the document from a backup");
        }

        try
        {
            return JsonSerializer.Deserialize<IssuerState>(json, Options) ?? throw new JsonException("null document");
        }
        catch (JsonException e)
        {
            throw new StateFormatException($"{source}: the state document does not match schema version {version} ({e.Message}): restore it from a backup");
        }
    }
}
