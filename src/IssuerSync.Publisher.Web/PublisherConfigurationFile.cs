using Microsoft.Extensions.Configuration;

namespace IssuerSync.Publisher.Web;

/// <summary>
/// The optional JSON settings file (<c>IssuerSync__ConfigFile</c>, or <c>serve --config</c>): the app settings
/// nested under <c>"IssuerSync"</c>. Environment variables are added again after it, so an app setting
/// always wins over the file.
/// </summary>
public static class PublisherConfigurationFile
{
    public const string Setting = "IssuerSync:ConfigFile";

    public static IConfigurationBuilder AddPublisherFile(this IConfigurationBuilder builder, string? file)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(file))
        {
            return builder;
        }

        var path = Path.GetFullPath(file.Trim());
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"IssuerSync__ConfigFile = '{file}': no such file; write the settings as JSON under \"IssuerSync\" or remove the setting",
                path);
        }

        return builder.AddJsonFile(path, optional: false, reloadOnChange: false).AddEnvironmentVariables();
    }
}
