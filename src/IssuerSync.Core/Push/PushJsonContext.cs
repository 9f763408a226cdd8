using System.Text.Json;
using System.Text.Json.Serialization;

namespace IssuerSync.Core.Push;

/// <summary>Source-generated metadata of the push wire format, so the publisher and agent serialize without reflection (trimming and Native AOT).</summary>
[JsonSerializable(typeof(PushRequest))]
[JsonSerializable(typeof(PushResponse))]
[JsonSerializable(typeof(PushBundle))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class PushJsonContext : JsonSerializerContext
{
}
