using System.Text;

namespace IssuerSync.Core.Keys;

/// <summary>
/// Reads every service-account public key in the bytes of one key file: PEM (any number of blocks,
/// public, private or certificate), DER, or OpenSSH public key lines. Private material is reduced to
/// its public half. Throws <see cref="KeyFormatException"/> naming the file, the block and the reason.
/// </summary>
public static class KeyFileParser
{
    public static IReadOnlyList<ServiceAccountKey> Parse(ReadOnlySpan<byte> content, string source)
    {
        if (content.IsEmpty || content.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            throw new KeyFormatException(source, null, "the file is empty");
        }

        // DER starts with a SEQUENCE tag; text key formats are ASCII.
        if (content[0] == 0x30)
        {
            return [DerKeyDecoder.DecodeDer(content.ToArray(), source)];
        }

        var text = Encoding.UTF8.GetString(content);
        if (PemReader.LooksLikePem(text))
        {
            var keys = new List<ServiceAccountKey>();
            foreach (var block in PemReader.ReadBlocks(text, source))
            {
                if (DerKeyDecoder.DecodePemBlock(block, source) is { } key)
                {
                    keys.Add(key);
                }
            }

            return keys.Count > 0
                ? keys
                : throw new KeyFormatException(source, null, "the PEM file holds no key block (only parameters)");
        }

        if (OpenSshPublicKeyReader.LooksLikeOpenSsh(text))
        {
            return OpenSshPublicKeyReader.Read(text, source);
        }

        return [DerKeyDecoder.DecodeDer(content.ToArray(), source)];
    }
}
