using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>Changes of PEM text: base64 characters, labels, BEGIN/END lines, headers, wrapping, line endings, duplicated blocks, and the DER inside a block.</summary>
internal static partial class PemMutations
{
    private static readonly string[] Labels =
    [
        "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "EC PARAMETERS",
        "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY", "CERTIFICATE REQUEST", "DSA PRIVATE KEY", "X509 CRL", "public key",
        "PUBLIC KEY ", " PUBLIC KEY", "PUBLIC  KEY", "PUBLIC\tKEY", "", "-", "PUBLIC KEY-----", "ＰＵＢＬＩＣ KEY", "PUBLIC KEY\0",
    ];

    private static readonly string[] Headers = ["Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n", "Comment: test\n", ":\n", "Proc-Type: 4,encrypted\n", "A:B:C\n"];

    private static readonly string[] Garbage = ["\uFEFF", "garbage\n", "\0", "\n\n\n", "-----BEGIN \n", "ssh-rsa ", "# comment\n", "   "];

    public static Gen<Mutation> Any { get; } = Gen.OneOf(
        Gen.Zip(ByteMutations.Position, Gen.Elements("A/+_-=.!* \t\u00e9".ToCharArray())).Select(t => Text($"base64 char {t.Item1} := '{t.Item2}'", s => ReplaceBodyChar(s, t.Item1, t.Item2))),
        ByteMutations.Position.Select(p => Text($"duplicate block {p}", s => OnBlock(s, p, m => m.Value + "\n" + m.Value))),
        Gens.Zip3(ByteMutations.Position, Gen.Elements(Labels), Gen.Elements(true, false)).Select(t => Text($"label {FuzzInput.Printable(Encoding.UTF8.GetBytes(t.Item2))} on {(t.Item3 ? "both lines" : "BEGIN")} of block {t.Item1}", s => OnBlock(s, t.Item1, m =>
            $"-----BEGIN {t.Item2}-----{m.Groups["body"].Value}-----END {(t.Item3 ? t.Item2 : m.Groups["end"].Value)}-----"))),
        ByteMutations.Position.Select(p => Text($"remove line {p}", s => { var lines = s.Split('\n').ToList(); lines.RemoveAt(p % lines.Count); return string.Join('\n', lines); })),
        Gen.Elements("\r\n", "\r", "", "\n\n", " \n").Select(e => Text($"line endings {FuzzInput.Printable(Encoding.UTF8.GetBytes(e))}", s => s.Replace("\n", e, StringComparison.Ordinal))),
        Gen.Elements(1, 4, 63, 76, 10_000).Select(w => Text($"wrap base64 at {w}", s => OnBlock(s, 0, m => $"-----BEGIN {m.Groups["label"].Value}-----\n{Wrap(Regex.Replace(m.Groups["body"].Value, @"\s", string.Empty), w)}\n-----END {m.Groups["end"].Value}-----"))),
        Gen.Zip(ByteMutations.Position, Gen.Elements(Headers)).Select(t => Text($"header {FuzzInput.Printable(Encoding.UTF8.GetBytes(t.Item2))} in block {t.Item1}", s => OnBlock(s, t.Item1, m => $"-----BEGIN {m.Groups["label"].Value}-----\n{t.Item2}{m.Groups["body"].Value.TrimStart()}-----END {m.Groups["end"].Value}-----"))),
        Gen.Elements("=", "==", "===", "A", "AB").Select(pad => Text($"'{pad}' after the base64 of block 1", s => OnBlock(s, 0, m => $"-----BEGIN {m.Groups["label"].Value}-----{m.Groups["body"].Value.TrimEnd()}{pad}\n-----END {m.Groups["end"].Value}-----"))),
        Gen.Zip(ByteMutations.Position, DerMutations.Any).Select(t => Text($"in block {t.Item1}: {t.Item2.Name}", s => OnBlock(s, t.Item1, m =>
        {
            var der = t.Item2.Apply(Convert.FromBase64String(Regex.Replace(m.Groups["body"].Value, @"\s", string.Empty)));
            return $"-----BEGIN {m.Groups["label"].Value}-----\n{Wrap(Convert.ToBase64String(der), 64)}\n-----END {m.Groups["end"].Value}-----";
        }))),
        Gen.Elements(Garbage).Select(g => Text($"prefix {FuzzInput.Printable(Encoding.UTF8.GetBytes(g))}", s => g + s)));

    private static Mutation Text(string name, Func<string, string> change)
        => new(name, bytes => Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(bytes))));

    private static string OnBlock(string text, int position, Func<Match, string> change)
    {
        var blocks = Block().Matches(text);
        if (blocks.Count == 0)
        {
            return text;
        }

        var match = blocks[position % blocks.Count];
        return string.Concat(text.AsSpan(0, match.Index), change(match), text.AsSpan(match.Index + match.Length));
    }

    private static string ReplaceBodyChar(string text, int position, char replacement)
    {
        var candidates = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiLetterOrDigit(text[i]) && !InDashLine(text, i)).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        var at = candidates[position % candidates.Count];
        return string.Concat(text.AsSpan(0, at), replacement.ToString(), text.AsSpan(at + 1));
    }

    private static bool InDashLine(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        return text.AsSpan(start).StartsWith("-----");
    }

    private static string Wrap(string base64, int width)
        => string.Join('\n', Enumerable.Range(0, (base64.Length + width - 1) / width).Select(i => base64.Substring(i * width, Math.Min(width, base64.Length - (i * width)))));

    [GeneratedRegex(@"-----BEGIN (?<label>[^\n]*?)-----(?<body>.*?)-----END (?<end>[^\n]*?)-----", RegexOptions.Singleline)]
    private static partial Regex Block();
}
