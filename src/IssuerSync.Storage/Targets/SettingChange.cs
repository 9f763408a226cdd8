namespace IssuerSync.Storage.Targets;

/// <summary>What a hint asks of a setting.</summary>
public enum SettingChange
{
    /// <summary>Give the setting (the value, when the hint knows it): "pass --region eu-west-1", "set …__Region to eu-west-1".</summary>
    Set,

    /// <summary>Name the setting (and the value, when known) inside a sentence: "check --region".</summary>
    Mention,

    /// <summary>Remove the setting so its default applies: "leave --jwks-uri out".</summary>
    LeaveOut,
}
