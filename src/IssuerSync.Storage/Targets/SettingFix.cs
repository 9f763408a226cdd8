namespace IssuerSync.Storage.Targets;

/// <summary>One setting a hint refers to, what to do with it and the value to use (null when the hint cannot know it).</summary>
public sealed record SettingFix(StorageSetting Setting, SettingChange Change, string? Value = null);
