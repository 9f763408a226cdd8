namespace IssuerSync.Core.Rotation.Check;

/// <summary>One kid as the publisher's status shows it: its status ("active", "retained", …) and when that status began.</summary>
public sealed record PublisherKeyFacts(string Kid, string Status, DateTimeOffset ChangedAt);
