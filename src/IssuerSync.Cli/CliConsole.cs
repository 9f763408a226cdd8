using Spectre.Console;

namespace IssuerSync.Cli;

/// <summary>The Spectre.Console of a verb's table output: colours on a terminal, plain 200-column text when captured or redirected.</summary>
internal static class CliConsole
{
    public static IAnsiConsole Create(TextWriter stdout)
    {
        var interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
