using System.Globalization;
using System.Text.RegularExpressions;

namespace IssuerSync.Agent.Configuration;

/// <summary>Durations as operators write them: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>24h</c>, <c>2d</c>.</summary>
public static partial class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        try
        {
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var number = double.Parse(part.Value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                value += part.Value[^1] switch
                {
                    'd' => TimeSpan.FromDays(number),
                    'h' => TimeSpan.FromHours(number),
                    'm' => TimeSpan.FromMinutes(number),
                    _ => TimeSpan.FromSeconds(number),
                };
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        return value > TimeSpan.Zero;
    }

    public static string Format(TimeSpan value)
        => value.TotalHours >= 1 && value.Minutes == 0 && value.Seconds == 0 ? $"{(long)value.TotalHours}h"
        : value.TotalMinutes >= 1 && value.Seconds == 0 ? $"{(long)value.TotalMinutes}m"
        : $"{value.TotalSeconds:0.###}s";

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?[dhms])+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
