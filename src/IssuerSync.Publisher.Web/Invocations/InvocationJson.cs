using System.Text.Json.Serialization;

namespace IssuerSync.Publisher.Web.Invocations;

/// <summary>Source-generated JSON metadata (trim- and AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class InvocationJson : JsonSerializerContext;
