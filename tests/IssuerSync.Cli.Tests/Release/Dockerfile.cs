namespace IssuerSync.Cli.Tests.Release;

/// <summary>
/// A Dockerfile read as its instructions (continuation lines joined, comments dropped), with the
/// default of each ARG declared before the first FROM and the image each stage starts from.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions, IReadOnlyList<string> comments)
    {
        Instructions = instructions;
        Comments = comments;
    }

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    public IReadOnlyList<string> Comments { get; }

    /// <summary>Defaults of the ARGs before the first FROM (those a FROM line may use).</summary>
    public IReadOnlyDictionary<string, string> GlobalArguments => Instructions.TakeWhile(i => i.Keyword != "FROM")
        .Where(i => i.Keyword == "ARG" && i.Arguments.Contains('=', StringComparison.Ordinal))
        .ToDictionary(i => i.Arguments.Split('=', 2)[0], i => i.Arguments.Split('=', 2)[1], StringComparer.Ordinal);

    /// <summary>Each stage: the image (or earlier stage) it starts from, its name, and its instructions.</summary>
    public IReadOnlyList<(string From, string? Name, IReadOnlyList<(string Keyword, string Arguments)> Body)> Stages
    {
        get
        {
            var stages = new List<(string, string?, IReadOnlyList<(string, string)>)>();
            var fromIndexes = Instructions.Select((i, n) => (i, n)).Where(x => x.i.Keyword == "FROM").Select(x => x.n).ToArray();
            for (var s = 0; s < fromIndexes.Length; s++)
            {
                var words = Instructions[fromIndexes[s]].Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var end = s + 1 < fromIndexes.Length ? fromIndexes[s + 1] : Instructions.Count;
                var name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add((words[0], name, Instructions.Skip(fromIndexes[s] + 1).Take(end - fromIndexes[s] - 1).ToArray()));
            }

            return stages;
        }
    }

    public static Dockerfile Load(string path)
    {
        var instructions = new List<(string, string)>();
        var comments = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
            {
                comments.Add(line.TrimStart('#').Trim());
                continue;
            }

            if (line.Length == 0 && pending.Length == 0)
            {
                continue;
            }

            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\'))
            {
                continue;
            }

            var space = pending.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((pending[..space].ToUpperInvariant(), string.Join(' ', pending[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))));
            pending = "";
        }

        return new Dockerfile(instructions, comments);
    }
}
