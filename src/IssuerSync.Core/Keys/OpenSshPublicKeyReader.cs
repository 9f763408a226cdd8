using System.Buffers.Binary;
using System.Text;

namespace IssuerSync.Core.Keys;

/// <summary>
/// Reads OpenSSH public key lines (<c>ssh-rsa AAAA… comment</c>, <c>ecdsa-sha2-nistp256 AAAA…</c>), the
/// authorized_keys form some self-hosted guides generate service-account keys in (RFC 4253 §6.6, RFC 5656 §3.1).
/// </summary>
internal static class OpenSshPublicKeyReader
{
    private static readonly HashSet<string> KeyTypes =
    [
        "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "ssh-ed25519", "ssh-dss", "ssh-ed448", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    public static bool LooksLikeOpenSsh(string text)
        => text.Split((char[])[' ', '\t', '\r', '\n'], 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] && KeyTypes.Contains(first);

    public static IReadOnlyList<ServiceAccountKey> Read(string text, string source)
    {
        var keys = new List<ServiceAccountKey>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var type = fields[0];
            var block = $"line {i + 1} ({type})";
            if (fields.Length < 2)
            {
                throw new KeyFormatException(source, block, "no base64 key data after the key type");
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[1]);
            }
            catch (FormatException)
            {
                throw new KeyFormatException(source, block, "the base64 key data is not valid (truncated, or characters that are not base64)");
            }

            keys.Add(ReadBlob(type, blob, source, block));
        }

        return keys;
    }

    private static ServiceAccountKey ReadBlob(string type, byte[] blob, string source, string block)
    {
        var reader = new SshWireReader(blob, source, block);
        var innerType = reader.ReadString();
        if (innerType != type)
        {
            throw new KeyFormatException(source, block, $"the key data says '{innerType}' but the line says '{type}'");
        }

        switch (type)
        {
            case "ssh-rsa":
            {
                var e = reader.ReadBytes();
                var n = reader.ReadBytes();
                reader.EnsureEnd();
                return ServiceAccountKey.FromRsa(n, e, source, block);
            }

            case "ecdsa-sha2-nistp256":
            case "ecdsa-sha2-nistp384":
            case "ecdsa-sha2-nistp521":
            {
                var curveName = reader.ReadString();
                var curve = curveName switch
                {
                    "nistp256" => EcCurve.P256,
                    "nistp384" => EcCurve.P384,
                    "nistp521" => EcCurve.P521,
                    _ => throw new KeyFormatException(source, block, $"unknown curve '{curveName}'"),
                };
                if (type != $"ecdsa-sha2-{curveName}")
                {
                    throw new KeyFormatException(source, block, $"the key data names curve '{curveName}' but the key type is '{type}'");
                }

                var point = reader.ReadBytes();
                reader.EnsureEnd();
                var size = curve.FieldSizeBytes;
                if (point.Length != 1 + (2 * size) || point[0] != 0x04)
                {
                    throw new KeyFormatException(source, block, "the EC point is not an uncompressed point of the curve's size");
                }

                return ServiceAccountKey.FromEc(curve, point.AsSpan(1, size), point.AsSpan(1 + size, size), source, block);
            }

            case "ssh-ed25519":
            case "sk-ssh-ed25519@openssh.com":
                throw new KeyFormatException(source, block, Oids.UnsupportedAlgorithmReason(Oids.Ed25519));
            case "ssh-dss":
                throw new KeyFormatException(source, block, Oids.UnsupportedAlgorithmReason(Oids.Dsa));
            default:
                throw new KeyFormatException(source, block, $"OpenSSH key type '{type}' is not supported: use ssh-rsa or ecdsa-sha2-nistp256/384/521");
        }
    }

    private sealed class SshWireReader(byte[] data, string source, string block)
    {
        private int _offset;

        public string ReadString() => Encoding.ASCII.GetString(ReadBytes());

        public byte[] ReadBytes()
        {
            if (data.Length - _offset < 4)
            {
                throw Truncated();
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_offset));
            _offset += 4;
            if (length > (uint)(data.Length - _offset))
            {
                throw Truncated();
            }

            var value = data.AsSpan(_offset, (int)length).ToArray();
            _offset += (int)length;
            return value;
        }

        public void EnsureEnd()
        {
            if (_offset != data.Length)
            {
                throw new KeyFormatException(source, block, "unexpected data after the public key");
            }
        }

        private KeyFormatException Truncated() => new(source, block, "the key data is truncated");
    }
}
