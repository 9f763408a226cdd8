using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace IssuerSync.Core.Push;

internal static class PushJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        TypeInfoResolver = PushJsonContext.Default,
    };

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/> (generated, no reflection).</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Info<T>());

    /// <summary>
    /// Reads one wire document; "null" is refused as <c>the {what} is null</c>. Absent init members come back null (generated JSON), so
    /// each caller puts its defaults back.
    /// </summary>
    public static T Read<T>(ReadOnlySpan<byte> json, string what)
        => JsonSerializer.Deserialize(json, Info<T>()) ?? throw new JsonException($"the {what} is null");
}
