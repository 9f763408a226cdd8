using System.Buffers.Text;
using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Changes of a compact JWT string after signing: segments swapped, repeated, dropped or added;
/// segments re-encoded (padding, the standard alphabet, other trailing bits); garbled or cut
/// characters, whitespace, a scheme left in, or no token at all.
/// </summary>
internal static class TokenMutations
{
    private static readonly string[] Constants = ["", " ", ".", "..", "...", "a.b.c", "e30.e30.", "e30.e30.e30", "e30..", "eyJhbGciOiJub25lIn0.e30.", "null", new string('A', 300_000)];

    private static readonly string[] Insertions = [" ", "\n", "\t", "\0", "=", ".", "é", "\uFF0E", "%2E", "+", "/", "\uD83D\uDE00"];

    public static Gen<Mutation> Any { get; } = Gen.OneOf(
        Gen.Zip(Gen.Choose(0, 2), Gen.Choose(0, 2)).Select(t => Segments($"swap segments {t.Item1} and {t.Item2}", s => (s[t.Item1 % s.Count], s[t.Item2 % s.Count]) = (s[t.Item2 % s.Count], s[t.Item1 % s.Count]))),
        Gen.Choose(0, 2).Select(i => Segments($"repeat segment {i}", s => s.Insert(i % s.Count, s[i % s.Count]))),
        Gen.Choose(0, 2).Select(i => Segments($"drop segment {i}", s => s.RemoveAt(i % s.Count))),
        Gen.Constant(Segments("two more segments (JWE shape)", s => s.AddRange(["AAAA", "AAAA"]))),
        Gen.Zip(Gen.Choose(0, 2), Gen.Elements("=", "==", "===", "%3D")).Select(t => Segments($"'{t.Item2}' after segment {t.Item1}", s => s[t.Item1 % s.Count] += t.Item2)),
        Gen.Choose(0, 2).Select(i => Segments($"segment {i} in the standard alphabet", s => s[i % s.Count] = s[i % s.Count].Replace('-', '+').Replace('_', '/'))),
        Gen.Choose(0, 2).Select(i => Segments($"segment {i} with other trailing bits", s => s[i % s.Count] = OtherTrailingBits(s[i % s.Count]))),
        Gen.Choose(0, 2).Select(i => Segments($"segment {i} re-encoded as standard base64 with padding", s => s[i % s.Count] = Convert.ToBase64String(Base64Url.DecodeFromChars(s[i % s.Count])))),
        Gen.Zip(ByteMutations.Position, Gen.Elements("A", "B", "_", "-", "!")).Select(t => Text($"character {t.Item1} := '{t.Item2}'", s => s.Length == 0 ? s : string.Concat(s.AsSpan(0, t.Item1 % s.Length), t.Item2, s.AsSpan((t.Item1 % s.Length) + 1)))),
        ByteMutations.Position.Select(p => Text($"cut at {p}", s => s[..(p % (s.Length + 1))])),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Insertions)).Select(t => Text($"insert {FuzzInput.Printable(System.Text.Encoding.UTF8.GetBytes(t.Item2))} at {t.Item1}", s => s.Insert(t.Item1 % (s.Length + 1), t.Item2))),
        Gen.Elements("Bearer ", "bearer ", " ", "\t", "\r\n").Select(p => Text($"prefix {FuzzInput.Printable(System.Text.Encoding.UTF8.GetBytes(p))}", s => p + s)),
        Gen.Elements(" ", "\n", "\r\n", ".", "\0").Select(p => Text($"suffix {FuzzInput.Printable(System.Text.Encoding.UTF8.GetBytes(p))}", s => s + p)),
        Gen.Constant(Text("lowercased", s => s.ToLowerInvariant())),
        Gen.Elements(Constants).Select(c => Text($"replaced by {FuzzInput.Printable(System.Text.Encoding.UTF8.GetBytes(JsonMutations.Short(c)))}", _ => c)));

    /// <summary>Flips the lowest bit of the last character's 6-bit value: when the segment's length is not a multiple of 4, those are unused bits and the segment still decodes to the same bytes.</summary>
    private static string OtherTrailingBits(string segment)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var index = segment.Length == 0 ? -1 : Alphabet.IndexOf(segment[^1], StringComparison.Ordinal);
        return index < 0 ? segment : segment[..^1] + Alphabet[index ^ 1];
    }

    private static Mutation Segments(string name, Action<List<string>> change)
        => Text(name, s =>
        {
            var segments = s.Split('.').ToList();
            change(segments);
            return string.Join('.', segments);
        });

    private static Mutation Text(string name, Func<string, string> change)
        => new(name, b => System.Text.Encoding.UTF8.GetBytes(change(System.Text.Encoding.UTF8.GetString(b))));
}
