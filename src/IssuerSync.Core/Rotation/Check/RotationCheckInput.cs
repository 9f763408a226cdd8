namespace IssuerSync.Core.Rotation.Check;

/// <summary>Everything <see cref="RotationCheck.Decide"/> weighs: what the clouds fetch, what the publisher knows, and the waits.</summary>
public sealed record RotationCheckInput
{
    public required RotationStep Step { get; init; }

    public required string NewKid { get; init; }

    /// <summary>The key being replaced; needed for <see cref="RotationStep.Remove"/>.</summary>
    public string? OldKid { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The kids of the JWKS that the discovery document's jwks_uri serves; null when the documents could not be read.</summary>
    public IReadOnlyList<string>? ServedKids { get; init; }

    /// <summary>Why the documents could not be read (with <see cref="ServedKids"/> null).</summary>
    public string? ServedProblem { get; init; }

    /// <summary>The JWKS's Cache-Control max-age (s-maxage when larger); null when it has none.</summary>
    public TimeSpan? CacheMaxAge { get; init; }

    /// <summary>The publisher's view; null when no publisher was asked.</summary>
    public PublisherFacts? Publisher { get; init; }

    /// <summary>The agent's --interval: how late a cache-expired cloud may still have missed a push.</summary>
    public TimeSpan AgentInterval { get; init; } = RotationCheck.DefaultAgentInterval;

    /// <summary>The longest lifetime of a token the old key signed.</summary>
    public TimeSpan MaxTokenLifetime { get; init; } = RotationCheck.DefaultMaxTokenLifetime;
}
