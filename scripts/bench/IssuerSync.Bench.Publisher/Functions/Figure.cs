namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>One measured figure next to its target; Pass is null for a figure without a target (context only).</summary>
internal sealed record Figure(string Name, string Value, string Target, bool? Pass)
{
    public string Verdict => Pass switch { true => "PASS", false => "MISS", null => "-" };
}
