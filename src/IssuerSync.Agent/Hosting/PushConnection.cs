namespace IssuerSync.Agent.Hosting;

/// <summary>Where a push goes and how it is sent: the values of the push client group (<see cref="PushConnectionOptions"/>).</summary>
public sealed class PushConnection : IPushSettings
{
    /// <summary>The publisher's base URL as given; pushes go to {publisher}/api/PushKeys.</summary>
    public required string Publisher { get; init; }

    public string? FunctionKeyFile { get; init; }

    public string? CaCert { get; init; }

    public required int MaxAttempts { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Random Random { get; init; } = Random.Shared;
}
