using System.Globalization;
using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using Microsoft.Extensions.Configuration;

namespace IssuerSync.Publisher.Configuration;

/// <summary>
/// Reads the publisher's settings from the <c>IssuerSync</c> section of a configuration (environment variables
/// nested with <c>__</c>, as Azure Functions passes app settings, or a JSON file) and checks them, reporting every
/// problem at once. Durations are .NET TimeSpans ("7.00:00:00", "01:00:00").
/// </summary>
public static class PublisherSettingsReader
{
    public const string Section = "IssuerSync";

    public static PublisherSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration.GetSection(Section);
        var problems = new List<string>();
        var reader = new SettingReader(problems);

        var stateStore = root["StateStore"];
        if (string.IsNullOrWhiteSpace(stateStore))
        {
            problems.Add(
                $"{Name(root, "StateStore")} is not set: give the private state container " +
                "(azblob:https://ACCOUNT.blob.core.windows.net/issuersync-state) or a folder (dir:/var/lib/issuersync)");
        }
        else if (!stateStore.StartsWith("azblob:", StringComparison.Ordinal) && !stateStore.StartsWith("dir:", StringComparison.Ordinal))
        {
            problems.Add(
                $"{Name(root, "StateStore")} = '{Storage.Targets.Azure.AzureBlobLocation.Redact(stateStore)}': " +
                "use azblob:URL of a private container or dir:PATH");
        }

        var issuers = new List<IssuerSettings>();
        foreach (var section in root.GetSection("Issuers").GetChildren()
            .OrderBy(s => int.TryParse(s.Key, out var n) ? n : int.MaxValue)
            .ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            issuers.Add(ReadIssuer(section, reader));
        }

        problems.AddRange(RegistrationValidator.Validate(issuers.Select(i => i.Registration).ToList()).Select(p => p.ToString()));
        var settings = new PublisherSettings
        {
            StateStore = stateStore ?? string.Empty,
            Connection = Optional(root["Connection"]),
            Issuers = issuers,
            ReconcileSchedule = Optional(root["ReconcileSchedule"]) ?? PublisherSettings.DefaultReconcileSchedule,
            StaleAfter = reader.Duration(root, "StaleAfter", TimeSpan.FromHours(2)),
            ReconcileParallelism = reader.Integer(root, "ReconcileParallelism", 8, 1, 256),
            OperatorKeyFile = Optional(root["OperatorKeyFile"]),
            PushKeyFile = Optional(root["PushKeyFile"]),
        };
        if (settings.StaleAfter <= TimeSpan.Zero)
        {
            problems.Add($"{Name(root, "StaleAfter")} = '{settings.StaleAfter}': must be positive, e.g. 02:00:00");
        }

        return problems.Count == 0 ? settings : throw new PublisherConfigurationException(problems);
    }

    /// <summary>The app-setting name of a configuration key: IssuerSync__Issuers__0__Id.</summary>
    internal static string Name(IConfigurationSection section, string key) => $"{section.Path}:{key}".Replace(":", "__", StringComparison.Ordinal);

    private static IssuerSettings ReadIssuer(IConfigurationSection section, SettingReader reader)
    {
        var defaults = new IssuerRegistration { Id = string.Empty, Issuer = string.Empty, Target = string.Empty, AgentSubject = string.Empty };
        var registration = new IssuerRegistration
        {
            Id = section["Id"] ?? string.Empty,
            Issuer = section["Issuer"] ?? string.Empty,
            Target = section["Target"] ?? string.Empty,
            AgentSubject = section["AgentSubject"] ?? string.Empty,
            Audience = section["Audience"] ?? PushProtocol.DefaultAudience,
            RetentionWindow = reader.Duration(section, "RetentionWindow", defaults.RetentionWindow),
            MaxTokenLifetime = reader.Duration(section, "MaxTokenLifetime", defaults.MaxTokenLifetime),
            MaxBundleAge = reader.Duration(section, "MaxBundleAge", defaults.MaxBundleAge),
            CacheControl = section["CacheControl"] ?? defaults.CacheControl,
            RequireApprovalForNewKeys = reader.Boolean(section, "RequireApprovalForNewKeys", false),
        };
        return new IssuerSettings
        {
            Registration = registration,
            PublicBaseUrl = reader.AbsoluteUrl(section, "PublicBaseUrl"),
            Connection = Optional(section["Connection"]),
            Region = Optional(section["Region"]),
            S3Endpoint = reader.AbsoluteUrl(section, "S3Endpoint"),
            S3PathStyle = reader.Boolean(section, "S3PathStyle", false),
            PrivateOrigin = reader.Boolean(section, "PrivateOrigin", false),
            SettingsPrefix = section.Path.Replace(":", "__", StringComparison.Ordinal),
        };
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed class SettingReader(List<string> problems)
    {
        public TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems.Add(
                $"{Name(section, key)} = '{text}': not a duration; write days.hours:minutes:seconds, " +
                "e.g. 7.00:00:00 for 7 days or 01:00:00 for 1 hour");
            return fallback;
        }

        public bool Boolean(IConfigurationSection section, string key, bool fallback)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (bool.TryParse(text.Trim(), out var value))
            {
                return value;
            }

            problems.Add($"{Name(section, key)} = '{text}': write true or false");
            return fallback;
        }

        public int Integer(IConfigurationSection section, string key, int fallback, int min, int max)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            problems.Add($"{Name(section, key)} = '{text}': write a whole number from {min} to {max}");
            return fallback;
        }

        public Uri? AbsoluteUrl(IConfigurationSection section, string key)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            {
                return url;
            }

            problems.Add($"{Name(section, key)} = '{text}': not an absolute http(s) URL");
            return null;
        }
    }
}
