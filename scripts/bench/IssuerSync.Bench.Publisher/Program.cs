using System.Globalization;
using IssuerSync.Bench.Publisher;
using IssuerSync.Bench.Publisher.Functions;

// scripts/bench-state-growth [PUSHES] [WINDOW]
// scripts/bench-functions → functions --handler PATH --work DIR [--coldstart FILE] [--issuers N] [--pushes N] [--repushes-per-agent N]
var mode = args.Length > 0 ? args[0] : "state-growth";
switch (mode)
{
    case "state-growth":
        await StateGrowth.RunAsync(Arg(1, 2000), Arg(2, 250));
        break;
    case "functions":
        return await FunctionsBench.RunAsync(new FunctionsBenchOptions
        {
            Handler = Named("--handler") ?? throw new ArgumentException("functions needs --handler PATH (the handler's executable or IssuerSync.Functions.dll)"),
            WorkFolder = Named("--work") ?? Path.Combine(Path.GetTempPath(), "bench-functions"),
            ColdStartFile = Named("--coldstart"),
            Issuers = NamedInt("--issuers", 1000),
            Pushes = NamedInt("--pushes", 200),
            RePushesPerAgent = NamedInt("--repushes-per-agent", 125),
        });
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use state-growth or functions");
        return 1;
}

return 0;

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

string? Named(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

int NamedInt(string name, int fallback) => Named(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
