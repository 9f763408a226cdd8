using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Changes of JSON documents that keep them JSON (a member removed, a value of the wrong type, a huge
/// number, null, a duplicate member, unicode, an escaped member name) and that break them (comments,
/// trailing commas, NaN, a byte-order mark, deep nesting).
/// </summary>
internal static class JsonMutations
{
    /// <summary>Values of the wrong type or at the edges, as JSON text.</summary>
    public static readonly string[] OddValues =
    [
        "null", "0", "-1", "true", "false", "\"\"", "[]", "{}", "[null]", "{\"a\":1}", "1.5", "-0", "1e400", "-1e400", "1E+99999",
        "123456789012345678901234567890", "-9223372036854775809", "18446744073709551616", "253402300800", "\"\\u0000\"", "\"\\ud800\"",
        "\"\\udfff\\ud800\"", "\"\uD83D\uDE00\"", "\"\u202E\"", "\"\u00E9\"", "\"e\u0301\"", "\" \"", "\"AQAB\"", "\"==\"",
        "\"" + new string('A', 70_000) + "\"", "[" + string.Join(',', Enumerable.Repeat("1", 2000)) + "]",
    ];

    private static readonly string[] MemberNames = ["keys", "kty", "kid", "alg", "use", "n", "e", "crv", "x", "y", "d", "k", "version", "issuer", "jwks", "observedAt", "agentVersion", "source", "__proto__", ""];

    private static readonly string[] Breakers = ["/* c */", "// c\n", ",", "NaN", "Infinity", "'", "\uFEFF", "\0", "]", "}", "{", "\"", "\\", "\u2028"];

    public static Gen<Mutation> Any { get; } = Gen.OneOf(
        ByteMutations.Position.Select(p => OnObject($"remove member (pick {p})", p, (o, i) => o.Remove(o.ElementAt(i % o.Count).Key))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(OddValues)).Select(t => OnObject($"member (pick {t.Item1}) := {Short(t.Item2)}", t.Item1, (o, i) => o[o.ElementAt(i % o.Count).Key] = JsonNode.Parse(t.Item2))),
        Gens.Zip3(ByteMutations.Position, Gen.Elements(MemberNames), Gen.Elements(OddValues)).Select(t => OnObject($"add member '{t.Item2}' := {Short(t.Item3)} (pick {t.Item1})", t.Item1, (o, _) => o[t.Item2] = JsonNode.Parse(t.Item3), allowEmpty: true)),
        ByteMutations.Position.Select(p => OnArray($"duplicate array item (pick {p})", p, (a, i) => a.Insert(i, a[i]?.DeepClone()))),
        ByteMutations.Position.Select(p => OnArray($"remove array item (pick {p})", p, (a, i) => a.RemoveAt(i))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(OddValues)).Select(t => OnArray($"array item (pick {t.Item1}) := {Short(t.Item2)}", t.Item1, (a, i) => a[i] = JsonNode.Parse(t.Item2))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(OddValues)).Select(t => new Mutation($"duplicate member (pick {t.Item1}) with {Short(t.Item2)}", b => WriteWithDuplicate(b, t.Item1, t.Item2))),
        ByteMutations.Position.Select(p => new Mutation($"duplicate member (pick {p}) with its own value", b => WriteWithDuplicate(b, p, null))),
        ByteMutations.Position.Select(p => new Mutation($"escape a member name (pick {p})", b => EscapeName(b, p))),
        Gen.Elements(1, 17, 33, 200, 10_000).Select(depth => new Mutation($"nest the root {depth} deep", b => [.. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"keys\":[", depth))), .. b, .. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("]}", depth)))])),
        Gen.Elements(OddValues).Select(v => new Mutation($"root := {Short(v)}", _ => Encoding.UTF8.GetBytes(v))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Breakers)).Select(t => new Mutation($"insert {FuzzInput.Printable(Encoding.UTF8.GetBytes(t.Item2))} at {t.Item1}", b => ByteMutations.Splice(b, t.Item1, 0, Encoding.UTF8.GetBytes(t.Item2)))));

    /// <summary>Applies <paramref name="change"/> to one object of the document (picked among all, at any depth).</summary>
    public static Mutation OnObject(string name, int pick, Action<JsonObject, int> change, bool allowEmpty = false) => new(name, bytes =>
    {
        var root = JsonNode.Parse(bytes) ?? throw new FormatException("null root");
        var objects = Descendants(root).OfType<JsonObject>().Where(o => allowEmpty || o.Count > 0).ToList();
        if (objects.Count == 0)
        {
            return bytes;
        }

        change(objects[pick % objects.Count], pick / objects.Count);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    });

    private static Mutation OnArray(string name, int pick, Action<JsonArray, int> change) => new(name, bytes =>
    {
        var root = JsonNode.Parse(bytes) ?? throw new FormatException("null root");
        var arrays = Descendants(root).OfType<JsonArray>().Where(a => a.Count > 0).ToList();
        if (arrays.Count == 0)
        {
            return bytes;
        }

        var array = arrays[pick % arrays.Count];
        change(array, (pick / arrays.Count) % array.Count);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    });

    public static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(m => m.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        _ => [node],
    };

    public static string Short(string value) => value.Length <= 40 ? value : $"{value[..20]}...({value.Length} chars)";

    /// <summary>Writes the document again with one member written twice: first with <paramref name="first"/> (or its own value), then as it was.</summary>
    private static byte[] WriteWithDuplicate(byte[] bytes, int pick, string? first)
    {
        using var document = JsonDocument.Parse(bytes);
        var members = 0;
        Count(document.RootElement, ref members);
        if (members == 0)
        {
            return bytes;
        }

        var target = pick % members;
        var seen = 0;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, document.RootElement, target, first, ref seen);
        }

        return stream.ToArray();
    }

    private static void Count(JsonElement element, ref int members)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in element.EnumerateObject())
            {
                members++;
                Count(member.Value, ref members);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Count(item, ref members);
            }
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, int target, string? first, ref int seen)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject())
                {
                    if (seen++ == target)
                    {
                        writer.WritePropertyName(member.Name);
                        if (first is null)
                        {
                            member.Value.WriteTo(writer);
                        }
                        else
                        {
                            writer.WriteRawValue(first, skipInputValidation: true);
                        }
                    }

                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value, target, first, ref seen);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, target, first, ref seen);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Writes one member name's first letter as a \u escape: the same name to a JSON reader.</summary>
    private static byte[] EscapeName(byte[] bytes, int pick)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var names = System.Text.RegularExpressions.Regex.Matches(text, "\"([A-Za-z])[A-Za-z]*\"\\s*:");
        if (names.Count == 0)
        {
            return bytes;
        }

        var match = names[pick % names.Count];
        var letter = match.Groups[1];
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, letter.Index), $"\\u{(int)letter.Value[0]:x4}", text.AsSpan(letter.Index + 1)));
    }
}
