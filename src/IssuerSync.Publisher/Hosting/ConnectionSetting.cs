using IssuerSync.Storage.Targets;

namespace IssuerSync.Publisher.Hosting;

/// <summary>A Connection setting names another app setting that holds the secret (the Functions binding convention).</summary>
internal static class ConnectionSetting
{
    public static string? Resolve(string? name, Func<string, string?> setting, string what)
    {
        if (name is null)
        {
            return null;
        }

        var value = setting(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new StorageException(
                $"{what} names the app setting '{name}', which is not set: add that app setting with the connection string, " +
                $"or remove {what} to use the app's managed identity")
            : value;
    }
}
