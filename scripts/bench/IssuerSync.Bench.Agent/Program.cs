using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using IssuerSync.Bench.Agent;
using IssuerSync.Testing.Cluster;

// scripts/bench-agent.sh → --exe NAME=PATH [--exe NAME=PATH …] [--runs N]
// PATH is an executable; NAME=PATH:agent,run puts those words before the agent's options (the CLI's verb).
// Per executable: its size, process start → first log line on stderr (median and min of N `--once` runs), and the
// peak RSS of one full push cycle (TokenRequest, discovery, JWKS, push), measured by GNU time -v when present, else
// by polling /proc/PID/status (VmHWM).
var runs = 10;
var exes = new List<(string Name, string Path, string[] Verb)>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--exe":
            var (name, rest) = (args[++i].Split('=', 2)[0], args[i].Split('=', 2)[1]);
            var parts = rest.Split(':', 2);
            exes.Add((name, parts[0], parts.Length > 1 ? parts[1].Split(',') : []));
            break;
        default:
            Console.Error.WriteLine($"bench-agent: unknown argument '{args[i]}': use --exe NAME=PATH[:verb,words] and --runs N");
            return 1;
    }
}

await using var api = await FakeApiServer.StartAsync();
await using var publisher = await StandInPublisher.StartAsync();
var work = Directory.CreateTempSubdirectory("bench-agent");
var kubeconfig = api.WriteKubeconfig(Path.Combine(work.FullName, "kubeconfig"));
var gnuTime = File.Exists("/usr/bin/time") && RunsGnuTime();
Console.WriteLine($"bench-agent: {runs} `--once` runs per executable against a loopback fake API server (HTTPS) and publisher; " +
    $"peak RSS by {(gnuTime ? "GNU time -v" : "/proc/PID/status VmHWM polling")}; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
var failed = false;
foreach (var (name, path, verb) in exes)
{
    string[] Args() => [.. verb, "--once", "--publisher", publisher.BaseUri.ToString(), "--issuer", api.Issuer, "--kubeconfig", kubeconfig, "--max-attempts", "1"];
    var size = new FileInfo(path).Length;
    var before = publisher.Pushes;
    var starts = new List<double>();
    for (var run = 0; run < runs + 1; run++)
    {
        var (firstLine, code, stderr) = await TimeToFirstLineAsync(path, Args());
        if (code != 0)
        {
            Console.WriteLine($"  {name}: exited {code}: {stderr.Trim()}");
            failed = true;
            break;
        }

        if (run > 0)
        {
            starts.Add(firstLine); // the first run warms the page cache and is not counted
        }
    }

    if (starts.Count == 0)
    {
        continue;
    }

    var rssKiB = gnuTime ? await PeakRssByGnuTimeAsync(path, Args()) : await PeakRssByPollingAsync(path, Args());
    var pushed = publisher.Pushes - before;
    starts.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name}: size {size / 1048576.0:0.0} MiB ({size} bytes); start → first log line median {Median(starts):0.0} ms, min {starts[0]:0.0} ms over {starts.Count} runs; " +
        $"peak RSS over one push cycle {rssKiB / 1024.0:0.0} MiB; {pushed} pushes accepted"));
    if (pushed != runs + 2)
    {
        Console.WriteLine($"  {name}: expected {runs + 2} pushes, the publisher saw {pushed}");
        failed = true;
    }
}

work.Delete(recursive: true);
return failed ? 1 : 0;

static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

static ProcessStartInfo Start(string file, IEnumerable<string> args)
{
    var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var arg in args)
    {
        start.ArgumentList.Add(arg);
    }

    start.Environment.Remove("KUBECONFIG");
    return start;
}

static async Task<(double FirstLineMs, int ExitCode, string Stderr)> TimeToFirstLineAsync(string path, string[] args)
{
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(Start(path, args))!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var first = await process.StandardError.ReadLineAsync();
    var elapsed = clock.Elapsed.TotalMilliseconds;
    var rest = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    await stdout;
    return (elapsed, process.ExitCode, first + "\n" + rest);
}

static bool RunsGnuTime()
{
    using var probe = Process.Start(Start("/usr/bin/time", ["-v", "true"]))!;
    var text = probe.StandardError.ReadToEnd();
    probe.WaitForExit();
    return text.Contains("Maximum resident set size", StringComparison.Ordinal);
}

static async Task<long> PeakRssByGnuTimeAsync(string path, string[] args)
{
    using var process = Process.Start(Start("/usr/bin/time", ["-v", path, .. args]))!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    await stdout;
    var match = Regex.Match(stderr, @"Maximum resident set size \(kbytes\): (\d+)");
    return process.ExitCode == 0 && match.Success
        ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"{path} under time -v exited {process.ExitCode}: {stderr}");
}

static async Task<long> PeakRssByPollingAsync(string path, string[] args)
{
    using var process = Process.Start(Start(path, args))!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    long peak = 0;
    while (!process.HasExited)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
            }
        }
        catch (IOException)
        {
            // exited between HasExited and the read
        }

        await Task.Delay(1);
    }

    await stdout;
    await stderr;
    return process.ExitCode == 0 ? peak : throw new InvalidOperationException($"{path} exited {process.ExitCode}: {await stderr}");
}
