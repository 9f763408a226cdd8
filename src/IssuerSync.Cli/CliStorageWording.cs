using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli;

/// <summary>A storage failure in the CLI's words: the message, then the hint with each setting named as its flag.</summary>
internal static class CliStorageWording
{
    public static string Describe(StorageException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Hint is { } hint ? $"{e.Message}. Hint: {hint.Format(Word)}" : e.Message;
    }

    public static string Flag(StorageSetting setting) => setting switch
    {
        StorageSetting.Target => "--target",
        StorageSetting.PublicBaseUrl => "--public-base-url",
        StorageSetting.PrivateOrigin => "--private-origin",
        StorageSetting.ConnectionString => "--connection-string",
        StorageSetting.Region => "--region",
        StorageSetting.S3Endpoint => "--s3-endpoint",
        StorageSetting.JwksUri => "--jwks-uri",
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    private static string Word(SettingFix fix)
    {
        var flag = Flag(fix.Setting);
        return fix.Change switch
        {
            SettingChange.LeaveOut => $"leave {flag} out",
            SettingChange.Mention => fix.Setting == StorageSetting.ConnectionString
                ? $"{flag} / {Commands.TargetLoading.ConnectionStringVariable}"
                : WithValue(flag, fix),
            _ => fix.Setting switch
            {
                StorageSetting.PrivateOrigin => $"pass {flag}",
                StorageSetting.ConnectionString => $"pass {flag} or set {Commands.TargetLoading.ConnectionStringVariable}",
                StorageSetting.Region => fix.Value is null ? $"pass {flag} or set AWS_REGION" : $"pass {flag} {fix.Value} or set AWS_REGION={fix.Value}",
                _ => $"pass {WithValue(flag, fix)}",
            },
        };
    }

    private static string WithValue(string flag, SettingFix fix) => fix.Value is null ? flag : $"{flag} {fix.Value}";
}
