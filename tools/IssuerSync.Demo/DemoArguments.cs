namespace IssuerSync.Demo;

/// <summary>The <c>--name value</c> pairs of a verb.</summary>
public sealed class DemoArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static DemoArguments Parse(IEnumerable<string> args)
    {
        var parsed = new DemoArguments();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
            {
                throw new DemoException($"'{list[i]}': expected --name value");
            }

            parsed._values[list[i][2..]] = list[++i];
        }

        return parsed;
    }

    public string Required(string name) => _values.TryGetValue(name, out var value) ? value : throw new DemoException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);
}
