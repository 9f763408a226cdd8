namespace IssuerSync.Agent.Hosting;

/// <summary>The push-client settings shared by <c>agent run</c> and <c>push</c>.</summary>
public interface IPushSettings
{
    string? FunctionKeyFile { get; }

    /// <summary>A PEM file of extra trust roots for the publisher's certificate (a private CA), besides the system's.</summary>
    string? CaCert { get; }

    int MaxAttempts { get; }

    TimeSpan RequestTimeout { get; }

    TimeSpan InitialBackoff { get; }

    TimeProvider Time { get; }

    Random Random { get; }
}
