namespace IssuerSync.Storage.Targets;

/// <summary>
/// The fix of a storage failure in words every host can print. <see cref="Text"/> never names a CLI flag or an app
/// setting: each {0}, {1}… in it stands for the setting at that index of <see cref="Settings"/>, which the host
/// words its own way (see <see cref="Format"/>). Commands of the storage's own tools (az, aws) may appear.
/// </summary>
public sealed record StorageHint
{
    public StorageHint(string text, params SettingFix[] settings)
    {
        Text = text;
        Settings = settings;
    }

    public string Text { get; }

    public IReadOnlyList<SettingFix> Settings { get; }

    /// <summary>The hint in a host's words: each {i} replaced by <paramref name="word"/> of setting i.</summary>
    public string Format(Func<SettingFix, string> word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var text = Text;
        for (var i = 0; i < Settings.Count; i++)
        {
            text = text.Replace($"{{{i}}}", word(Settings[i]), StringComparison.Ordinal);
        }

        return text;
    }
}
