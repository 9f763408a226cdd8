namespace IssuerSync.Agent.Push;

/// <summary>How the agent talks to the publisher.</summary>
public sealed class PushClientOptions
{
    /// <summary>Attempts per push, the first included; only transient failures (5xx, 408, 429, timeouts, network) are retried.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Azure Functions key, sent as <c>x-functions-key</c> when set (defence in depth, not the trust root).</summary>
    public string? FunctionKey { get; init; }

    /// <summary>Jitter source; injected so tests are deterministic.</summary>
    public Random Random { get; init; } = Random.Shared;
}
