using System.Globalization;
using System.Text.RegularExpressions;

namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>
/// Reads what scripts/bench-coldstart.sh printed (one line per build: "BUILD: cold start median N ms, min M ms …", or
/// "BUILD: the strict build failed: CODES (see LOG)" followed by a warnings-allowed measurement) into figures.
/// </summary>
internal static partial class ColdStartResults
{
    public const string ShippedBuild = "aot";
    private const double TargetMs = 100;

    public static IReadOnlyList<Figure> Read(string file)
    {
        var lines = File.Exists(file) ? File.ReadAllLines(file) : [];
        var figures = new List<Figure>();
        foreach (var (build, label) in new[] { ("jit", "framework-dependent (JIT)"), ("r2r", "ReadyToRun, self-contained"), ("aot", "Native AOT") })
        {
            var shipped = build == ShippedBuild;
            var name = $"cold start, {label}{(shipped ? " [shipped]" : string.Empty)}";
            var target = $"<= {TargetMs:0} ms{(shipped ? string.Empty : " (applies to the shipped build)")}";
            var measured = lines.Select(l => Measured().Match(l)).FirstOrDefault(m => m.Success && m.Groups["build"].Value == build);
            var failed = lines.FirstOrDefault(l => l.StartsWith($"{build}: the strict build failed:", StringComparison.Ordinal));
            if (failed is not null)
            {
                var reason = failed[$"{build}: the strict build failed:".Length..].Trim();
                var allowed = measured is not null && measured.Groups["label"].Value.Contains("warnings allowed", StringComparison.Ordinal)
                    ? $"; with the warnings allowed (not shippable) it starts in {measured.Groups["median"].Value} ms median"
                    : string.Empty;
                figures.Add(new Figure(name, $"not built: {reason}{allowed}", target, shipped ? false : null));
            }
            else if (measured is not null)
            {
                var median = double.Parse(measured.Groups["median"].Value, CultureInfo.InvariantCulture);
                var value = $"{median:0} ms median, {measured.Groups["min"].Value} ms min over {measured.Groups["runs"].Value} runs ({measured.Groups["size"].Value})";
                figures.Add(new Figure(name, value, target, shipped ? median <= TargetMs : null));
            }
            else
            {
                figures.Add(new Figure(name, $"not built: scripts/bench-coldstart.sh printed no figure for {build} (see artifacts/bench-coldstart/{build}.log)", target, shipped ? false : null));
            }
        }

        return figures;
    }

    [GeneratedRegex(@"^(?<label>(?<build>jit|r2r|aot)[^:]*): cold start median (?<median>\d+) ms, min (?<min>\d+) ms over (?<runs>\d+) runs; (?<size>.*)$")]
    private static partial Regex Measured();
}
