namespace IssuerSync.Core.Keys;

/// <summary>
/// Splits PEM text into blocks, reporting truncated blocks and bad base64 by block. Text outside
/// blocks is ignored, as Go's pem.Decode (and so kube-apiserver) ignores it.
/// </summary>
internal static class PemReader
{
    private const string Dashes = "-----";
    private const string Begin = "-----BEGIN ";
    private const string End = "-----END ";

    public static bool LooksLikePem(string text) => text.Contains(Begin, StringComparison.Ordinal);

    public static IReadOnlyList<PemBlock> ReadBlocks(string text, string source)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        var blocks = new List<PemBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Begin, StringComparison.Ordinal))
            {
                continue;
            }

            var number = blocks.Count + 1;
            if (!lines[i].EndsWith(Dashes, StringComparison.Ordinal) || lines[i].Length <= Begin.Length + Dashes.Length)
            {
                throw new KeyFormatException(source, $"block {number}", $"malformed BEGIN line '{Shorten(lines[i])}': expected '-----BEGIN <TYPE>-----'");
            }

            var label = lines[i][Begin.Length..^Dashes.Length];
            var name = $"block {number} ({label})";
            var endLine = $"{End}{label}{Dashes}";
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var body = new System.Text.StringBuilder();
            var j = i + 1;
            for (; j < lines.Length; j++)
            {
                var line = lines[j];
                if (line.StartsWith(End, StringComparison.Ordinal))
                {
                    if (line != endLine)
                    {
                        throw new KeyFormatException(source, name, $"END line '{Shorten(line)}' does not match; expected '{endLine}'");
                    }

                    break;
                }

                if (line.StartsWith(Begin, StringComparison.Ordinal))
                {
                    j = lines.Length;
                    break;
                }

                var colon = line.IndexOf(':');
                if (colon > 0 && body.Length == 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    continue;
                }

                body.Append(line);
            }

            if (j >= lines.Length)
            {
                throw new KeyFormatException(
                    source,
                    name,
                    $"truncated: no '{endLine}' line (the file was cut short or two files were joined without their END line)");
            }

            var der = new byte[body.Length];
            if (body.Length == 0 || !Convert.TryFromBase64String(body.ToString(), der, out var written))
            {
                throw new KeyFormatException(
                    source,
                    name,
                    body.Length == 0 ? "the block is empty" : "the base64 body is not valid (truncated, or characters that are not base64)");
            }

            blocks.Add(new PemBlock(number, label, headers, der[..written]));
            i = j;
        }

        return blocks;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
