namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// One step of a cloud setup: a title, and the file it writes and/or the commands it runs. An
/// <see cref="Alternative"/> step replaces the step before it in another situation; it is printed commented out.
/// </summary>
public sealed record SetupStep(string Title, IReadOnlyList<SetupCommand> Commands, SetupFile? File = null)
{
    public bool Alternative { get; init; }

    public static SetupStep Run(string title, params SetupCommand[] commands) => new(title, commands);

    public static SetupStep Write(string title, SetupFile file) => new(title, [], file);
}
