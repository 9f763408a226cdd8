using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Publisher.Hosting;

/// <summary>
/// A storage failure in the publisher's words: the message, then the hint with each setting named as the app setting
/// of the issuer it concerns (IssuerSync__Issuers__0__PublicBaseUrl), since a function app has no flags.
/// </summary>
internal static class PublisherStorageWording
{
    public static string Describe(StorageException e, string issuerSettings)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Hint is { } hint ? $"{e.Message}. Hint: {hint.Format(fix => Word(fix, issuerSettings))}" : e.Message;
    }

    /// <summary>Describes <paramref name="e"/> for <paramref name="issuer"/>, or returns the message of any other failure.</summary>
    public static string Describe(Exception e, IssuerSettings issuer, IReadOnlyList<IssuerSettings> issuers)
        => e is StorageException storage ? Describe(storage, SettingsOf(issuer, issuers)) : e.Message;

    /// <summary>The app-setting prefix of an issuer: as read (IssuerSync__Issuers__3), else from its place in the list.</summary>
    public static string SettingsOf(IssuerSettings issuer, IReadOnlyList<IssuerSettings> issuers)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(issuers);
        if (issuer.SettingsPrefix is { } prefix)
        {
            return prefix;
        }

        var index = issuers.Select(i => i.Id).ToList().IndexOf(issuer.Id);
        return $"{PublisherSettingsReader.Section}__Issuers__{(index < 0 ? "N" : index.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
    }

    public static string Name(StorageSetting setting, string issuerSettings) => setting switch
    {
        StorageSetting.Target => $"{issuerSettings}__Target",
        StorageSetting.PublicBaseUrl => $"{issuerSettings}__PublicBaseUrl",
        StorageSetting.PrivateOrigin => $"{issuerSettings}__PrivateOrigin",
        StorageSetting.ConnectionString => $"{issuerSettings}__Connection",
        StorageSetting.Region => $"{issuerSettings}__Region",
        StorageSetting.S3Endpoint => $"{issuerSettings}__S3Endpoint",
        StorageSetting.JwksUri => "jwks_uri",
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    private static string Word(SettingFix fix, string issuerSettings)
    {
        var name = Name(fix.Setting, issuerSettings);
        return (fix.Change, fix.Setting) switch
        {
            (SettingChange.LeaveOut, StorageSetting.JwksUri) => "leave jwks_uri at its default",
            (SettingChange.LeaveOut, _) => $"leave {name} unset",
            (SettingChange.Mention, StorageSetting.ConnectionString) => $"the app setting {name} names",
            (SettingChange.Mention, _) => fix.Value is null ? name : $"{name} = {fix.Value}",
            (_, StorageSetting.PrivateOrigin) => $"set {name} to true",
            (_, StorageSetting.ConnectionString) => $"set {name} to the name of an app setting that holds the connection string",
            _ => fix.Value is null ? $"set {name}" : $"set {name} to {fix.Value}",
        };
    }
}
