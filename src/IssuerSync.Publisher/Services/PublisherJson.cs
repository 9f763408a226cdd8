using System.Text.Json.Serialization;
using IssuerSync.Publisher.Status;

namespace IssuerSync.Publisher.Services;

/// <summary>Source-generated JSON of the publisher's answers and request bodies (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OperatorResponse))]
[JsonSerializable(typeof(IssuerStatusView))]
[JsonSerializable(typeof(IssuerStatusList))]
[JsonSerializable(typeof(ApproveRequest))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(ReconcileOutcome))]
internal sealed partial class PublisherJson : JsonSerializerContext
{
}
