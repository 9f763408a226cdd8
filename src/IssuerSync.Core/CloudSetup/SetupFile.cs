namespace IssuerSync.Core.CloudSetup;

/// <summary>A file the setup writes (a trust policy, a pod manifest), with its exact content.</summary>
public sealed record SetupFile(string Name, string Content);
