namespace IssuerSync.Core.Rotation.Check;

/// <summary>What the publisher's status says about the issuer: its keys, the kid that signed the latest accepted push, and since when it signs.</summary>
public sealed record PublisherFacts
{
    public IReadOnlyList<PublisherKeyFacts> Keys { get; init; } = [];

    public string? LatestSigningKid { get; init; }

    /// <summary>When the pushes started to be signed by <see cref="LatestSigningKid"/>; null when the publisher does not say.</summary>
    public DateTimeOffset? LatestSigningSince { get; init; }

    public PublisherKeyFacts? Find(string kid) => Keys.FirstOrDefault(k => k.Kid == kid);
}
