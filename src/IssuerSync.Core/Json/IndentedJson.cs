using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IssuerSync.Core.Json;

/// <summary>
/// JSON for people and scripts (<c>--output json</c>, setup plans, trust policies): indented, members in the order written, URLs, paths and
/// '+' left unescaped.
/// </summary>
public static class IndentedJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <c>"name": [ "value", … ]</c>.</summary>
    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
        => writer.WriteArray(name, values, static (w, value) => w.WriteStringValue(value));

    /// <summary>Writes <c>"name": [ … ]</c>, each item by <paramref name="writeItem"/>.</summary>
    public static void WriteArray<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writeItem);
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
    }
}
