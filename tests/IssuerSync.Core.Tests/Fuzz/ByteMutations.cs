using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>Format-blind changes of bytes: flipped bits, interesting bytes, cuts, deletions, duplications, insertions.</summary>
internal static class ByteMutations
{
    /// <summary>Bytes that parsers treat specially: NUL, high bit, separators, base64 and JSON punctuation, a UTF-8 lead byte.</summary>
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xC3, 0xED, (byte)'=', (byte)'-', (byte)'.', (byte)'\n', (byte)'\r', (byte)' ', (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'\\', (byte)'+', (byte)'/', (byte)'_', (byte)'A', (byte)'0'];

    private static readonly string[] Insertions = ["\0", "\r\n", "====", "-----", "\u00A0", "\uFEFF", "\uD83D\uDE00", "\\u0000", "%00", "AAAA", "////", "null", "{}", "[]", "1e999", "\"", " ", "\t"];

    /// <summary>A position chosen independently of the input's length; reduced modulo it when applied.</summary>
    public static Gen<int> Position { get; } = Gen.Choose(0, int.MaxValue - 1);

    public static Gen<Mutation> Any { get; } = Gen.OneOf(
        Gen.Zip(Position, Gen.Choose(0, 7)).Select(t => new Mutation($"flip bit {t.Item2} at {t.Item1}", b => Edit(b, t.Item1, (bytes, i) => bytes[i] ^= (byte)(1 << t.Item2)))),
        Gen.Zip(Position, Gen.Elements(Interesting)).Select(t => new Mutation($"set byte 0x{t.Item2:x2} at {t.Item1}", b => Edit(b, t.Item1, (bytes, i) => bytes[i] = t.Item2))),
        Position.Select(p => new Mutation($"cut at {p}", b => b[..(p % (b.Length + 1))])),
        Gen.Zip(Position, Gen.Choose(1, 64)).Select(t => new Mutation($"delete {t.Item2} at {t.Item1}", b => Splice(b, t.Item1, t.Item2, []))),
        Gen.Zip(Position, Gen.Choose(1, 256)).Select(t => new Mutation($"duplicate {t.Item2} at {t.Item1}", b => Duplicate(b, t.Item1, t.Item2))),
        Gen.Zip(Position, Gen.Elements(Insertions)).Select(t => new Mutation($"insert {FuzzInput.Printable(Encoding.UTF8.GetBytes(t.Item2))} at {t.Item1}", b => Splice(b, t.Item1, 0, Encoding.UTF8.GetBytes(t.Item2)))));

    public static byte[] Splice(byte[] bytes, int position, int remove, byte[] insert)
    {
        var at = position % (bytes.Length + 1);
        var count = Math.Min(remove, bytes.Length - at);
        return [.. bytes.AsSpan(0, at), .. insert, .. bytes.AsSpan(at + count)];
    }

    private static byte[] Duplicate(byte[] bytes, int position, int length)
    {
        var at = position % (bytes.Length + 1);
        var count = Math.Min(length, bytes.Length - at);
        return Splice(bytes, at + count, 0, bytes[at..(at + count)]);
    }

    private static byte[] Edit(byte[] bytes, int position, Action<byte[], int> edit)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = bytes.ToArray();
        edit(copy, position % copy.Length);
        return copy;
    }
}
