using System.Text.Json;
using IssuerSync.Core.Json;

namespace IssuerSync.Core.Documents;

/// <summary>
/// The parts of reading a JWKS that every reader shares (<see cref="JwksParser"/>, the push check, <c>verify</c>): its outside, the
/// private members no published key may have, and how a key is named in a message. Each reader words its own refusal.
/// </summary>
internal static class JwksShape
{
    /// <summary>The private parameters of RFC 7518 §6 (RSA, EC, multi-prime "oth") and a symmetric key's "k".</summary>
    public static readonly IReadOnlyList<string> PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>Checks <paramref name="root"/> is an object with a "keys" array of 1 to <paramref name="maxKeys"/> members.</summary>
    /// <param name="keys">
    /// The "keys" array whenever there is one (also for <see cref="JwksShapeProblem.NoKeys"/> and <see cref="JwksShapeProblem.TooManyKeys"/>).
    /// </param>
    public static JwksShapeProblem Check(JsonElement root, int maxKeys, out JsonElement keys)
    {
        keys = default;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keys", out keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return JwksShapeProblem.NotJwks;
        }

        var count = keys.GetArrayLength();
        return count == 0 ? JwksShapeProblem.NoKeys : count > maxKeys ? JwksShapeProblem.TooManyKeys : JwksShapeProblem.None;
    }

    /// <summary>The private members <paramref name="key"/> has, in the order of <see cref="PrivateMembers"/> (none when it is not an object).</summary>
    public static IEnumerable<string> PrivateMembersOf(JsonElement key)
        => key.ValueKind == JsonValueKind.Object ? PrivateMembers.Where(m => key.TryGetProperty(m, out _)) : [];

    /// <summary>"key 2", or "key 2 (kid abc)" when the key has a string kid: its position is 1-based.</summary>
    public static string Name(JsonElement key, int position) => JsonMembers.Text(key, "kid") is { } kid ? $"key {position} (kid {kid})" : $"key {position}";
}
