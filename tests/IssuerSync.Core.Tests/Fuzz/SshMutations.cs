using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Changes of OpenSSH public key lines: the key type word, the wire fields inside the base64 blob
/// (each a uint32 length and bytes: type, e/n or curve/point), their lengths, extra fields and lines.
/// </summary>
internal static class SshMutations
{
    private static readonly string[] Types = ["ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-ed25519", "ssh-dss", "sk-ecdsa-sha2-nistp256@openssh.com", "ssh-rsa-cert-v01@openssh.com", "nistp256", "", "SSH-RSA"];

    private static readonly byte[][] Values = [[], [0x00], [0x01], [0x02], [0x03], [0x00, 0x01, 0x00, 0x01], [0x80], [0x04], [0x04, 0x01], new byte[65], new byte[257], Encoding.ASCII.GetBytes("nistp256"), Encoding.ASCII.GetBytes("nistp384"), Encoding.ASCII.GetBytes("nistp999"), Encoding.ASCII.GetBytes("ssh-rsa")];

    private static readonly uint[] Lengths = [0, 1, 3, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFC];

    public static Gen<Mutation> Any { get; } = Gen.OneOf(
        Gen.Elements(Types).Select(t => Line($"type word := '{t}'", f => f[0] = t)),
        Gen.Elements(Types).Select(t => Blob($"blob type := '{t}'", fields => fields[0] = Encoding.ASCII.GetBytes(t))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Values)).Select(t => Blob($"blob field {t.Item1} := {Convert.ToHexString(t.Item2)}", fields => fields[t.Item1 % fields.Count] = t.Item2)),
        Gen.Zip(ByteMutations.Position, Gen.Choose(1, 8)).Select(t => Blob($"blob field {t.Item1} loses {t.Item2} bytes", fields => { var i = t.Item1 % fields.Count; fields[i] = fields[i][..Math.Max(0, fields[i].Length - t.Item2)]; })),
        ByteMutations.Position.Select(p => Blob($"drop blob field {p}", fields => fields.RemoveAt(p % fields.Count))),
        ByteMutations.Position.Select(p => Blob($"repeat blob field {p}", fields => fields.Add(fields[p % fields.Count]))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Lengths)).Select(t => new Mutation($"blob length {t.Item2:x} at field {t.Item1}", b => OnBlob(b, raw => SetLength(raw, t.Item1, t.Item2)))),
        Gen.Elements<byte[]>([0x00], [0x00, 0x00, 0x00], [0x00, 0x00, 0x00, 0x00], [0x00, 0x00, 0x00, 0x05]).Select(tail => new Mutation($"{tail.Length} raw bytes after the blob", b => OnBlob(b, raw => [.. raw, .. tail]))),
        Gen.Elements("command=\"x\" ", "# ", " ", "\t", "cert-authority ").Select(p => new Mutation($"prefix '{p}'", b => [.. Encoding.UTF8.GetBytes(p), .. b])),
        Gen.Constant(new Mutation("blob as base64url", b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace('+', '-').Replace('/', '_')))),
        Gen.Constant(new Mutation("no comment", b => Encoding.UTF8.GetBytes(string.Join(' ', Encoding.UTF8.GetString(b).Split(' ').Take(2))))),
        Gen.Constant(new Mutation("line twice", b => [.. b, (byte)'\n', .. b])));

    private static Mutation Line(string name, Action<string[]> change) => new(name, bytes =>
    {
        var fields = Encoding.UTF8.GetString(bytes).Split(' ');
        change(fields);
        return Encoding.UTF8.GetBytes(string.Join(' ', fields));
    });

    /// <summary>Edits the blob's fields and writes them back with correct lengths.</summary>
    private static Mutation Blob(string name, Action<List<byte[]>> change) => new(name, bytes => OnBlob(bytes, raw =>
    {
        var fields = Fields(raw);
        if (fields.Count == 0)
        {
            return raw;
        }

        change(fields);
        return fields.SelectMany(f => (byte[])[.. BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness((uint)f.Length)), .. f]).ToArray();
    }));

    private static byte[] OnBlob(byte[] bytes, Func<byte[], byte[]> change)
    {
        var fields = Encoding.UTF8.GetString(bytes).Split(' ');
        if (fields.Length < 2)
        {
            return bytes;
        }

        fields[1] = Convert.ToBase64String(change(Convert.FromBase64String(fields[1].Trim())));
        return Encoding.UTF8.GetBytes(string.Join(' ', fields));
    }

    private static List<byte[]> Fields(byte[] blob)
    {
        var fields = new List<byte[]>();
        var i = 0;
        while (i + 4 <= blob.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(i));
            if (length > blob.Length - i - 4)
            {
                break;
            }

            fields.Add(blob.AsSpan(i + 4, (int)length).ToArray());
            i += 4 + (int)length;
        }

        return fields;
    }

    private static byte[] SetLength(byte[] blob, int position, uint length)
    {
        var offsets = new List<int>();
        var i = 0;
        while (i + 4 <= blob.Length)
        {
            offsets.Add(i);
            var current = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(i));
            if (current > blob.Length - i - 4)
            {
                break;
            }

            i += 4 + (int)current;
        }

        if (offsets.Count == 0)
        {
            return blob;
        }

        var copy = blob.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(offsets[position % offsets.Count]), length);
        return copy;
    }
}
