using System.Text.Encodings.Web;
using System.Text.Json;

namespace IssuerSync.Core.Documents;

/// <summary>Compact JSON, written member by member so the byte layout is fixed.</summary>
internal static class JsonDocumentWriter
{
    // Go's encoding/json (kube-apiserver) writes '+' and '/' as themselves; the default .NET encoder
    // would escape '+', making URLs differ from the cluster's by bytes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
