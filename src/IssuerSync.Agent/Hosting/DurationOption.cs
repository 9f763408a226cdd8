using System.CommandLine;
using System.CommandLine.Parsing;
using IssuerSync.Agent.Configuration;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// A duration option (90s, 10m, 1h30m) with its default held once, in <see cref="Default"/>; zero and negative values are
/// refused at parse time, naming the option and the value. IMPORTANT: the default is not a DefaultValueFactory: System.CommandLine
/// would print it as "[default: 00:05:00]" (TimeSpan.ToString, a form this option refuses) and its help builder cannot be
/// customised from outside, so the description names the default and <see cref="Read"/> applies it.
/// </summary>
public sealed class DurationOption : Option<TimeSpan>
{
    public DurationOption(string name, TimeSpan defaultValue, string description)
        : this(name, defaultValue, Duration.Format(defaultValue), description)
    {
    }

    private DurationOption(string name, TimeSpan defaultValue, string whenAbsent, string description)
        : base(name)
    {
        Default = defaultValue;
        _whenAbsent = whenAbsent;
        Description = $"{description} (e.g. 90s, 10m, 1h; default {whenAbsent})";
        HelpName = "DURATION";
        CustomParser = Parse;
    }

    private readonly string _whenAbsent;

    public TimeSpan Default { get; }

    /// <summary>
    /// A duration with no default of its own, read with <see cref="ReadOptional"/> (null when absent); <paramref name="whenAbsent"/>
    /// says what absence means, in its help ("default …") and in its refusals ("or leave the option out for …").
    /// </summary>
    public static DurationOption Optional(string name, string description, string whenAbsent) => new(name, TimeSpan.Zero, whenAbsent, description);

    /// <summary>The value given, or <see cref="Default"/> when the option is absent (a given value is never zero).</summary>
    public TimeSpan Read(ParseResult result) => result.GetResult(this) is null ? Default : result.GetValue(this);

    /// <summary>The value given, or null when the option is absent (a given value is never zero).</summary>
    public TimeSpan? ReadOptional(ParseResult result) => result.GetResult(this) is null ? null : result.GetValue(this);

    private TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Duration.TryParse(text, out var value))
        {
            return value;
        }

        var trimmed = text.Trim();
        var magnitude = trimmed.StartsWith('-') ? trimmed[1..] : trimmed;
        var zero = magnitude.Length > 1 && magnitude.Any(char.IsAsciiDigit) && magnitude.All(c => c is '0' or '.' or 'd' or 'h' or 'm' or 's');
        result.AddError(zero
            ? $"{Name} '{text}' is zero: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for {_whenAbsent})"
            : trimmed.StartsWith('-') && Duration.TryParse(magnitude, out _)
                ? $"{Name} '{text}' is negative: give a duration longer than zero, such as 90s, 10m or 1h " +
                  $"(or leave the option out for {_whenAbsent})"
                : $"{Name} '{text}' is not a duration: write it as 90s, 10m, 1h or 1h30m");
        return Default;
    }
}
