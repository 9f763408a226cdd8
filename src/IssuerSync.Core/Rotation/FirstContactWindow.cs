namespace IssuerSync.Core.Rotation;

/// <summary>The hour of first-contact pushes being counted for an enrolling issuer: from <see cref="Start"/>, <see cref="Count"/> accepted.</summary>
public sealed record FirstContactWindow(DateTimeOffset Start, int Count)
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(1);
}
