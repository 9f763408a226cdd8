namespace IssuerSync.Core.CloudSetup;

/// <summary>A command to run (az, aws, gcloud, kubectl): its words, then its options in order.</summary>
public sealed record SetupCommand(IReadOnlyList<string> Words, IReadOnlyList<CommandOption> Options)
{
    public SetupCommand(string words, params CommandOption[] options)
        : this(words.Split(' '), options)
    {
    }

    /// <summary>Standard output redirected to this file (<c>&gt; FILE</c>), or null.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>Standard output stored in this shell variable (<c>NAME="$(command)"</c>), or null.</summary>
    public string? CaptureAs { get; init; }

    /// <summary>A check run first, quietly; this command runs only when it fails (<c>check || command</c>), or null.</summary>
    public SetupCommand? Unless { get; init; }

    /// <summary>The command standard output is piped to (<c>command | next</c>), or null.</summary>
    public SetupCommand? PipeTo { get; init; }

    /// <summary>The argument vector, as a process receives it.</summary>
    public IReadOnlyList<string> Argv
        => [.. Words, .. Options.SelectMany(o => o.Value is null ? [o.Name] : o.Joined ? [$"{o.Name}={o.Value}"] : new[] { o.Name, o.Value })];

    /// <summary>The most characters a command is printed on one line with; longer ones get one option per line.</summary>
    public const int OneLineWidth = 80;

    /// <summary>The command for a POSIX shell: on one line when short, else one option per line.</summary>
    public string ToShell()
    {
        var text = Simple() + (RedirectTo is null ? string.Empty : $" > {ShellQuote.Quote(RedirectTo)}");
        if (CaptureAs is not null)
        {
            text = $"{CaptureAs}=\"$({text})\"";
        }

        if (Unless is not null)
        {
            text = $"{Unless.ToShell()} >/dev/null 2>&1 ||\n  {text.Replace("\n", "\n  ", StringComparison.Ordinal)}";
        }

        return PipeTo is null ? text : $"{text} |\n  {PipeTo.ToShell().Replace("\n", "\n  ", StringComparison.Ordinal)}";
    }

    private static string Shell(CommandOption o)
    {
        Func<string, string> quote = o.Expand ? ShellQuote.Expanding : ShellQuote.Quote;
        return o.Value is null ? quote(o.Name) : o.Joined ? quote($"{o.Name}={o.Value}") : $"{ShellQuote.Quote(o.Name)} {quote(o.Value)}";
    }

    private string Simple()
    {
        var words = string.Join(' ', Words.Select(ShellQuote.Quote));
        var options = Options.Select(Shell).ToList();
        var oneLine = string.Join(' ', [words, .. options]);
        return oneLine.Length <= OneLineWidth
            ? oneLine
            : string.Join(" \\\n", [words, .. options.Select(o => "  " + o)]);
    }
}
