using System.Globalization;

namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>CPU time (user + system) of the processes in a run, from /proc/PID/stat: which one bounds a phase.</summary>
internal sealed class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly IReadOnlyDictionary<string, int> _processes;

    public ProcessCpu(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
    }

    /// <summary>The process id of a running command whose command line contains every one of <paramref name="parts"/>.</summary>
    public static int? Find(params string[] parts)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                if (parts.All(p => commandLine.Contains(p, StringComparison.Ordinal)) && !commandLine.Contains("/bin/sh", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    public IReadOnlyDictionary<string, double> Sample() => _processes.ToDictionary(p => p.Key, p => Seconds(p.Value));

    /// <summary>"handler 3.1 s, azurite 4.0 s, bench+proxy 1.2 s CPU over 5.0 s wall"</summary>
    public string Since(IReadOnlyDictionary<string, double> before, TimeSpan wall)
    {
        var now = Sample();
        var parts = now.Select(p => $"{p.Key} {p.Value - before[p.Key]:0.0} s");
        return string.Create(CultureInfo.InvariantCulture, $"CPU {string.Join(", ", parts)} over {wall.TotalSeconds:0.0} s wall ({Environment.ProcessorCount} cores)");
    }

    private static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state); utime is field 14, stime 15
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
