using System.Text.Json.Serialization;

namespace IssuerSync.Core.Rotation;

/// <summary>Source-generated metadata of the state document (no reflection: trimming and Native AOT).</summary>
[JsonSerializable(typeof(IssuerState))]
internal sealed partial class IssuerStateJsonContext : JsonSerializerContext
{
}
