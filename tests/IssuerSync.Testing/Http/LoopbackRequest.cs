using System.Text;

namespace IssuerSync.Testing.Http;

/// <summary>One request a <see cref="LoopbackServer"/> received, as it came off the wire (header names as sent, case-insensitive lookup).</summary>
public sealed record LoopbackRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;
}
