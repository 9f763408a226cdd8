namespace IssuerSync.Cli.Commands;

/// <summary>The push-client settings shared by <c>agent run</c> and <c>push</c>.</summary>
internal interface IPushSettings
{
    string? FunctionKeyFile { get; }

    int MaxAttempts { get; }

    TimeSpan RequestTimeout { get; }

    TimeSpan InitialBackoff { get; }

    TimeProvider Time { get; }

    Random Random { get; }
}
