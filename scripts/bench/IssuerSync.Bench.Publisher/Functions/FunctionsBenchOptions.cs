namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>What scripts/bench-functions measures; the defaults are the figures of issue 10's Benchmark section.</summary>
internal sealed class FunctionsBenchOptions
{
    /// <summary>The handler's executable (a package's handler/IssuerSync.Functions) or IssuerSync.Functions.dll.</summary>
    public required string Handler { get; init; }

    /// <summary>What scripts/bench-coldstart.sh printed; null: cold start not measured.</summary>
    public string? ColdStartFile { get; init; }

    /// <summary>Where the handler's log and settings file go.</summary>
    public required string WorkFolder { get; init; }

    public int Issuers { get; init; } = 1000;

    /// <summary>Measured accepted-and-published pushes, one at a time, spread over <see cref="PushIssuers"/>.</summary>
    public int Pushes { get; init; } = 200;

    public int PushIssuers { get; init; } = 50;

    public int Agents { get; init; } = 16;

    /// <summary>Measured unchanged re-pushes per agent.</summary>
    public int RePushesPerAgent { get; init; } = 125;

    /// <summary>Issuers whose state is changed before the measured reconcile: 1% of 1,000.</summary>
    public int Changed { get; init; } = 10;

    /// <summary>ReconcileIssuer invocations in flight, as the host's queue trigger would run them (batchSize 16).</summary>
    public int ReconcileParallelism { get; init; } = 16;
}
