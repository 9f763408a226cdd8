using System.Text;
using IssuerSync.Core.Push;

namespace IssuerSync.Testing.Push;

/// <summary>One request the publisher received: the bytes the agent put on the wire.</summary>
public sealed record RecordedPush(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Bearer => Headers.TryGetValue("Authorization", out var value) && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    public PushRequest Request => PushRequest.FromJson(Body);

    public IReadOnlyList<string> Kids => Request.Jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();

    /// <summary>Everything the agent sent, headers and body, as text.</summary>
    public string WireText => string.Join("\n", Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n\n" + Encoding.UTF8.GetString(Body);
}
