using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Changes of one node of a DER key structure: its value (integers, OIDs, points), its tag, its
/// presence or its length, then re-encoded with consistent lengths unless the change is the length.
/// </summary>
internal static class DerMutations
{
    private static readonly byte[][] Oids =
    [
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01], // rsaEncryption
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A], // RSASSA-PSS
        [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01], // id-ecPublicKey
        [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07], // P-256
        [0x2B, 0x81, 0x04, 0x00, 0x22], // P-384
        [0x2B, 0x81, 0x04, 0x00, 0x23], // P-521
        [0x2B, 0x81, 0x04, 0x00, 0x0A], // secp256k1
        [0x2B, 0x65, 0x70], // Ed25519
        [0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01], // DSA
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D], // PBES2 (encrypted PKCS#8)
        [], [0x80], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
    ];

    private static readonly byte[] Tags = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0C, 0x13, 0x17, 0x30, 0x31, 0xA0, 0xA1, 0xA3, 0x80, 0xFF];

    /// <summary>Values for an INTEGER or a BIT/OCTET STRING: zero, one, even, negative, non-minimal, empty, huge, random.</summary>
    private static Gen<(string Name, Func<byte[], byte[]> Make)> Values { get; } = Gen.OneOf(
        Gen.Elements<(string, Func<byte[], byte[]>)>(
            ("empty", _ => []),
            ("0", _ => [0x00]),
            ("1", _ => [0x01]),
            ("2", _ => [0x02]),
            ("3", _ => [0x03]),
            ("negative", _ => [0x80, 0x01]),
            ("leading zeros", old => [0x00, 0x00, .. old]),
            ("halved", old => old[..(old.Length / 2)]),
            ("last byte dropped", old => old.Length > 0 ? old[..^1] : old),
            ("byte appended", old => [.. old, 0x01]),
            ("first byte 0x02 (compressed point)", old => old.Length > 0 ? [0x02, .. old[1..]] : old),
            ("first byte 0x00", old => old.Length > 0 ? [0x00, .. old[1..]] : old),
            ("all 0xFF", old => Enumerable.Repeat((byte)0xFF, Math.Max(old.Length, 1)).ToArray()),
            ("2049 bytes", _ => [0x01, .. new byte[2048]]),
            ("doubled", old => [.. old, .. old])),
        Gen.Choose(0, 600).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n))
            .Select(bytes => ($"{bytes.Length} random bytes", (Func<byte[], byte[]>)(_ => bytes))));

    public static Gen<Mutation> Any { get; } = Gen.OneOf(
        Gen.Zip(ByteMutations.Position, Values).Select(t => OnNode($"value of node {t.Item1} := {t.Item2.Name}", t.Item1, n =>
        {
            if (n.Children is not null)
            {
                n.Children = DerNode.Parse(t.Item2.Make(DerNode.Encode(n.Children))) ?? [];
            }
            else
            {
                n.Content = t.Item2.Make(n.Content!);
            }
        })),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Oids)).Select(t => OnNode($"OID {Convert.ToHexString(t.Item2)} into node {t.Item1}", t.Item1, n => { n.Tag = 0x06; n.Children = null; n.Content = t.Item2; }, n => n.Tag == 0x06)),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Tags)).Select(t => OnNode($"tag 0x{t.Item2:x2} on node {t.Item1}", t.Item1, n => n.Tag = t.Item2)),
        ByteMutations.Position.Select(p => OnTree($"drop node {p}", p, (siblings, i) => siblings.RemoveAt(i))),
        ByteMutations.Position.Select(p => OnTree($"duplicate node {p}", p, (siblings, i) => siblings.Insert(i, siblings[i].Clone()))),
        ByteMutations.Position.Select(p => OnTree($"swap node {p} with the next", p, (siblings, i) => (siblings[i], siblings[(i + 1) % siblings.Count]) = (siblings[(i + 1) % siblings.Count], siblings[i]))),
        Gen.Elements<byte[]>([0x00], [0x05, 0x00], [0x30, 0x00], [0x02, 0x01, 0x01], new byte[100]).Select(tail => new Mutation($"{tail.Length} trailing bytes", b => [.. b, .. tail])),
        Gen.Zip(ByteMutations.Position, Gen.Elements<byte[]>([0x00], [0x7F], [0x80], [0x81, 0x00], [0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x82, 0x00, 0x01])).Select(t => new Mutation($"length {Convert.ToHexString(t.Item2)} on node {t.Item1}", b => Relength(b, t.Item1, t.Item2))));

    private static Mutation OnNode(string name, int position, Action<DerNode> change, Func<DerNode, bool>? prefer = null) => new(name, bytes =>
    {
        var roots = DerNode.Parse(bytes) ?? throw new FormatException("not DER");
        var all = roots.SelectMany(r => r.All()).ToList();
        var preferred = prefer is null ? all : all.Where(prefer).DefaultIfEmpty(all[0]).ToList();
        change(preferred[position % preferred.Count]);
        return DerNode.Encode(roots);
    });

    private static Mutation OnTree(string name, int position, Action<List<DerNode>, int> change) => new(name, bytes =>
    {
        var roots = DerNode.Parse(bytes) ?? throw new FormatException("not DER");
        var lists = roots.SelectMany(r => r.All()).Where(n => n.Children is { Count: > 0 }).Select(n => n.Children!).ToList();
        if (lists.Count == 0)
        {
            return bytes;
        }

        var siblings = lists[position % lists.Count];
        change(siblings, (position / lists.Count) % siblings.Count);
        return DerNode.Encode(roots);
    });

    /// <summary>Replaces the length bytes of one node with <paramref name="length"/>, leaving every other length as it was.</summary>
    private static byte[] Relength(byte[] bytes, int position, byte[] length)
    {
        var starts = new List<(int Offset, int HeaderLength)>();
        Walk(bytes, 0, bytes.Length, starts, 0);
        if (starts.Count == 0)
        {
            return bytes;
        }

        var (offset, header) = starts[position % starts.Count];
        return [.. bytes.AsSpan(0, offset + 1), .. length, .. bytes.AsSpan(offset + header)];
    }

    private static void Walk(byte[] d, int start, int end, List<(int, int)> starts, int depth)
    {
        var i = start;
        while (i + 1 < end && depth < 8)
        {
            var header = 2;
            int length = d[i + 1];
            if (length >= 0x80)
            {
                var count = length & 0x7F;
                if (count is 0 or > 3 || i + 2 + count > end)
                {
                    return;
                }

                length = 0;
                for (var k = 0; k < count; k++)
                {
                    length = (length << 8) | d[i + 2 + k];
                }

                header += count;
            }

            if (i + header + length > end)
            {
                return;
            }

            starts.Add((i, header));
            if ((d[i] & 0x20) != 0)
            {
                Walk(d, i + header, i + header + length, starts, depth + 1);
            }
            else if (d[i] == 0x03 && length > 1 && d[i + header] == 0)
            {
                Walk(d, i + header + 1, i + header + length, starts, depth + 1);
            }

            i += header + length;
        }
    }
}
