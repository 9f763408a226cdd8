namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// A DER TLV read into a tree, so a mutation can change one value deep inside a key and still give a
/// well-formed structure (every enclosing length recomputed) that reaches the key checks behind the
/// ASN.1 reader. BIT STRINGs and OCTET STRINGs that wrap DER (SPKI keys, PKCS#8) are opened too.
/// </summary>
internal sealed class DerNode
{
    public byte Tag { get; set; }

    /// <summary>The content of a primitive node; null when <see cref="Children"/> holds it.</summary>
    public byte[]? Content { get; set; }

    public List<DerNode>? Children { get; set; }

    /// <summary>For a BIT STRING that wraps DER: its unused-bits byte.</summary>
    public bool Wrapped { get; set; }

    public IEnumerable<DerNode> All() => Children is null ? [this] : Children.SelectMany(c => c.All()).Prepend(this);

    public DerNode Clone() => new() { Tag = Tag, Content = Content?.ToArray(), Children = Children?.Select(c => c.Clone()).ToList(), Wrapped = Wrapped };

    /// <summary>The nodes of <paramref name="der"/>, or null when it is not one complete DER value.</summary>
    public static List<DerNode>? Parse(ReadOnlySpan<byte> der, int depth = 0)
    {
        var nodes = new List<DerNode>();
        var i = 0;
        while (i < der.Length)
        {
            var tag = der[i];
            if ((tag & 0x1F) == 0x1F || i + 1 >= der.Length)
            {
                return null;
            }

            int length = der[i + 1];
            var header = 2;
            if (length >= 0x80)
            {
                var count = length & 0x7F;
                if (count is 0 or > 3 || i + 2 + count > der.Length)
                {
                    return null;
                }

                length = 0;
                for (var k = 0; k < count; k++)
                {
                    length = (length << 8) | der[i + 2 + k];
                }

                header += count;
            }

            if (i + header + length > der.Length)
            {
                return null;
            }

            var content = der.Slice(i + header, length);
            var node = new DerNode { Tag = tag };
            var inner = depth < 8 && ((tag & 0x20) != 0 || tag == 0x04 || (tag == 0x03 && content.Length > 1 && content[0] == 0 && content[1] == 0x30))
                ? Parse(tag == 0x03 ? content[1..] : content, depth + 1)
                : null;
            if (inner is not null && (inner.Count > 0 || (tag & 0x20) != 0))
            {
                node.Children = inner;
                node.Wrapped = tag == 0x03;
            }
            else
            {
                node.Content = content.ToArray();
            }

            nodes.Add(node);
            i += header + length;
        }

        return nodes;
    }

    public static byte[] Encode(IEnumerable<DerNode> nodes) => nodes.SelectMany(n => n.Encode()).ToArray();

    public byte[] Encode()
    {
        var content = Children is null ? Content! : [.. (Wrapped ? [0] : Array.Empty<byte>()), .. Encode(Children)];
        byte[] length = content.Length switch
        {
            < 0x80 => [(byte)content.Length],
            < 0x100 => [0x81, (byte)content.Length],
            < 0x10000 => [0x82, (byte)(content.Length >> 8), (byte)content.Length],
            _ => [0x83, (byte)(content.Length >> 16), (byte)(content.Length >> 8), (byte)content.Length],
        };
        return [Tag, .. length, .. content];
    }
}
