using System.Globalization;
using IssuerSync.Bench.Publisher;

// scripts/bench-state-growth [PUSHES] [WINDOW]
var mode = args.Length > 0 ? args[0] : "state-growth";
switch (mode)
{
    case "state-growth":
        await StateGrowth.RunAsync(Arg(1, 2000), Arg(2, 250));
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use state-growth");
        return 1;
}

return 0;

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
