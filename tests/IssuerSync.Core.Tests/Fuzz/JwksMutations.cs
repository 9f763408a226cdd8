using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Changes of the keys of a JWKS: re-encoded base64url members (padding, the standard alphabet, a
/// leading zero byte, cut), another key's coordinates, private members, odd kty/crv/alg/use/kid
/// values, and keys repeated past the limit. Applied to the first document node that has "keys".
/// </summary>
internal static class JwksMutations
{
    private static readonly string[] Base64Members = ["n", "e", "x", "y"];

    private static readonly (string Name, Func<string, string> Change)[] Reencodings =
    [
        ("'=' padding", v => v + "="),
        ("'==' padding", v => v + "=="),
        ("standard alphabet", v => v.Replace('-', '+').Replace('_', '/')),
        ("a leading zero byte", v => "AA" + v),
        ("the last character dropped", v => v.Length > 0 ? v[..^1] : v),
        ("the last character changed", v => v.Length > 0 ? v[..^1] + (v[^1] == 'A' ? 'B' : 'A') : v),
        ("cut in half", v => v[..(v.Length / 2)]),
        ("a space inside", v => v.Insert(v.Length / 2, " ")),
        ("doubled", v => v + v),
        ("empty", _ => string.Empty),
        ("'AAAB' (0x000001)", _ => "AAAB"),
        ("'AQ' (1)", _ => "AQ"),
        ("'Aw' (3)", _ => "Aw"),
        ("'AQAA' (even)", _ => "AQAA"),
        ("4 KiB of 'A'", _ => new string('A', 4096)),
        ("lowercased", v => v.ToLowerInvariant()),
    ];

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private static readonly (string Member, string[] Values)[] Enumerations =
    [
        ("kty", ["RSA", "EC", "rsa", "RSA ", "OKP", "oct", "", "EC\u0000"]),
        ("crv", ["P-256", "P-384", "P-521", "p-256", "P-256 ", "secp256k1", "P-256K", "Ed25519", "X25519", "P-192"]),
        ("alg", ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA", "HS256", "none", ""]),
        ("use", ["sig", "enc", "SIG", "", "sig "]),
        ("kid", ["", " ", "\u0000", "\uD83D\uDE00", "\u202Ekid", "a/b", "..", new string('k', 10_000), "kid\n"]),
    ];

    public static Gen<Mutation> Any { get; } = Gen.OneOf(
        Gens.Zip3(ByteMutations.Position, Gen.Elements(Base64Members), Gen.Elements(Reencodings)).Select(t => OnKey($"key {t.Item1}: '{t.Item2}' with {t.Item3.Name}", t.Item1, k =>
        {
            if (k[t.Item2] is JsonValue v && v.TryGetValue<string>(out var s))
            {
                k[t.Item2] = t.Item3.Change(s);
            }
        })),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Base64Members)).Select(t => OnKeys($"key {t.Item1}: '{t.Item2}' of the next key", t.Item1, (keys, i) =>
        {
            var next = keys[(i + 1) % keys.Count]!.AsObject();
            keys[i]![t.Item2] = next[t.Item2]?.DeepClone();
        })),
        Gens.Zip3(ByteMutations.Position, Gen.Elements(PrivateMembers), Gen.Elements("\"AQAB\"", "null", "\"\"", "[]")).Select(t => OnKey($"key {t.Item1}: private member '{t.Item2}' := {t.Item3}", t.Item1, k => k[t.Item2] = JsonNode.Parse(t.Item3))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Enumerations)).SelectMany(t => Gen.Elements(t.Item2.Values).Select(v => OnKey($"key {t.Item1}: '{t.Item2.Member}' := {FuzzInput.Printable(Encoding.UTF8.GetBytes(JsonMutations.Short(v)))}", t.Item1, k => k[t.Item2.Member] = v))),
        Gen.Elements(0, 2, 101).Select(n => OnKeys($"{n} copies of key 1", 0, (keys, _) =>
        {
            var first = keys[0];
            keys.Clear();
            for (var i = 0; i < n; i++)
            {
                keys.Add(first?.DeepClone());
            }
        })),
        ByteMutations.Position.Select(p => OnKeys($"key {p} as a JSON string", p, (keys, i) => keys[i] = keys[i]?.ToJsonString())));

    private static Mutation OnKey(string name, int pick, Action<JsonObject> change)
        => OnKeys(name, pick, (keys, i) =>
        {
            if (keys[i] is JsonObject key)
            {
                change(key);
            }
        });

    private static Mutation OnKeys(string name, int pick, Action<JsonArray, int> change) => new(name, bytes =>
    {
        var root = JsonNode.Parse(bytes) ?? throw new FormatException("null root");
        var keys = JsonMutations.Descendants(root).OfType<JsonObject>().Select(o => o["keys"]).OfType<JsonArray>().FirstOrDefault(a => a.Count > 0);
        if (keys is null)
        {
            return bytes;
        }

        change(keys, pick % keys.Count);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    });
}
