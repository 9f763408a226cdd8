using System.Globalization;
using IssuerSync.Agent.Configuration;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The decision of <c>probe</c>: is the liveness file the agent touches after every healthy cycle fresh? What the
/// manifests once asked of a shell (<c>find FILE -mmin -20</c>), without one, so the image can be chiseled.
/// </summary>
public static class LivenessProbe
{
    /// <summary>Null when <paramref name="path"/> exists and was modified within <paramref name="maxAge"/>; else why not, in one line.</summary>
    /// <remarks>
    /// A modification time ahead of the clock counts as fresh, as it does for find: the agent stamps the file with the
    /// same clock, so only a clock stepped back makes it so, and a restart would not mend that.
    /// </remarks>
    public static string? Problem(string path, TimeSpan maxAge, TimeProvider time)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return Directory.Exists(path)
                ? $"{path} is a directory, not the file the agent touches: give --liveness-file the agent's own --liveness-file"
                : $"{path} is missing: the agent has not finished a healthy cycle since it started, or its --liveness-file is another path";
        }

        var age = time.GetUtcNow() - new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        return age <= maxAge
            ? null
            : $"{path} was last touched {Ago(age)} ago, older than --max-age {Duration.Format(maxAge)}: " +
              "the agent's cycles have been failing for longer than its --failure-threshold (see its logs)";
    }

    /// <summary>Whole units, largest first (<c>25m13s</c>, <c>2d3h</c>): the age of a stale file is never exact.</summary>
    private static string Ago(TimeSpan age)
    {
        var parts = new (long Value, char Unit)[] { (age.Days, 'd'), (age.Hours, 'h'), (age.Minutes, 'm'), (age.Seconds, 's') }
            .SkipWhile(p => p.Value == 0)
            .Take(2)
            .Where(p => p.Value != 0)
            .Select(p => p.Value.ToString(CultureInfo.InvariantCulture) + p.Unit);
        var text = string.Concat(parts);
        return text.Length == 0 ? "0s" : text;
    }
}
