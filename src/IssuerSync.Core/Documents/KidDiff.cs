using System.Text.Json;

namespace IssuerSync.Core.Documents;

/// <summary>
/// How a publish changes the served key ids: kids only the new JWKS has (added), kids both have
/// (kept) and kids only the served JWKS has (removed: tokens they signed stop verifying).
/// </summary>
public sealed record KidDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Kept, IReadOnlyList<string> Removed)
{
    /// <summary>True when a JWKS is served but is not one whose kids can be read, so <see cref="Removed"/> is unknown (empty).</summary>
    public bool ServedUnreadable { get; init; }

    /// <summary>The diff from <paramref name="served"/> (null: nothing is served) to <paramref name="wanted"/>; both are JWKS bytes.</summary>
    public static KidDiff Between(byte[]? served, byte[] wanted)
    {
        var next = KidsOf(wanted) ?? [];
        if (served is null)
        {
            return new KidDiff(next, [], []);
        }

        if (KidsOf(served) is not { } now)
        {
            return new KidDiff(next, [], []) { ServedUnreadable = true };
        }

        return new KidDiff(
            next.Where(k => !now.Contains(k, StringComparer.Ordinal)).ToArray(),
            next.Where(k => now.Contains(k, StringComparer.Ordinal)).ToArray(),
            now.Where(k => !next.Contains(k, StringComparer.Ordinal)).ToArray());
    }

    /// <summary>The kids of a JWKS read leniently (a served document may be anyone's), or null when it is not a JWKS.</summary>
    private static List<string>? KidsOf(byte[] jwks)
    {
        try
        {
            using var document = JsonDocument.Parse(jwks, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keys)
                || keys.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var kids = new List<string>();
            foreach (var key in keys.EnumerateArray())
            {
                if (key.ValueKind == JsonValueKind.Object
                    && key.TryGetProperty("kid", out var kid)
                    && kid.ValueKind == JsonValueKind.String
                    && kid.GetString() is { } value
                    && !kids.Contains(value, StringComparer.Ordinal))
                {
                    kids.Add(value);
                }
            }

            return kids;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
