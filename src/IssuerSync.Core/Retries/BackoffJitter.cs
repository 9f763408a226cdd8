namespace IssuerSync.Core.Retries;

/// <summary>Where in [0, ceiling] a <see cref="Backoff"/> delay is drawn.</summary>
public enum BackoffJitter
{
    /// <summary>Uniform in [0, ceiling]: writers racing for one document spread out the most.</summary>
    Full,

    /// <summary>Uniform in [ceiling/2, ceiling]: a client of a failing server always waits at least half the ceiling.</summary>
    Equal,
}
