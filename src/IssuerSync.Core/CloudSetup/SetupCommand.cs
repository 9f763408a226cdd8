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

    /// <summary>The argument vector, as a process receives it.</summary>
    public IReadOnlyList<string> Argv => [.. Words, .. Options.SelectMany(o => o.Value is null ? [o.Name] : o.Joined ? [$"{o.Name}={o.Value}"] : new[] { o.Name, o.Value })];

    /// <summary>The most characters a command is printed on one line with; longer ones get one option per line.</summary>
    public const int OneLineWidth = 80;

    /// <summary>The command for a POSIX shell: on one line when short, else one option per line.</summary>
    public string ToShell()
    {
        var words = string.Join(' ', Words.Select(ShellQuote.Quote));
        var options = Options.Select(o => o.Value is null ? ShellQuote.Quote(o.Name) : o.Joined ? ShellQuote.Quote($"{o.Name}={o.Value}") : $"{ShellQuote.Quote(o.Name)} {ShellQuote.Quote(o.Value)}").ToList();
        var redirect = RedirectTo is null ? string.Empty : $" > {ShellQuote.Quote(RedirectTo)}";
        var oneLine = string.Join(' ', [words, .. options]) + redirect;
        return oneLine.Length <= OneLineWidth
            ? oneLine
            : string.Join(" \\\n", [words, .. options.Select(o => "  " + o)]) + redirect;
    }
}
