using System.CommandLine;

namespace IssuerSync.Agent.Hosting;

/// <summary>Adds a verb's options, or a group's, with one call: the list is the order its help shows them in.</summary>
public static class CommandOptions
{
    public static void AddOptions(this Command command, params IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }
}
