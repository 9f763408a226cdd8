namespace IssuerSync.Publisher.Configuration;

/// <summary>
/// The publisher's whole configuration (app settings under <c>IssuerSync__</c>, or a JSON file), as
/// <see cref="PublisherSettingsReader"/> read and checked it.
/// </summary>
public sealed record PublisherSettings
{
    public const string DefaultReconcileSchedule = "0 */5 * * * *";

    /// <summary>Where the per-issuer state documents live: <c>azblob:URL</c> of a private container, or <c>dir:PATH</c>.</summary>
    public required string StateStore { get; init; }

    /// <summary>The name of the app setting holding the state store's connection string; null: identity-based access.</summary>
    public string? Connection { get; init; }

    public required IReadOnlyList<IssuerSettings> Issuers { get; init; }

    /// <summary>NCRONTAB (six fields, seconds first) of the Reconcile timer.</summary>
    public string ReconcileSchedule { get; init; } = DefaultReconcileSchedule;

    /// <summary>An issuer whose agent has not pushed for longer is reported stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How many issuers the standalone server reconciles at once.</summary>
    public int ReconcileParallelism { get; init; } = 8;

    /// <summary>Standalone server only: a file holding the key operators send as x-functions-key.</summary>
    public string? OperatorKeyFile { get; init; }

    /// <summary>Standalone server only: a file holding the key agents send as x-functions-key (null: no key asked of agents).</summary>
    public string? PushKeyFile { get; init; }

    public IssuerSettings? Find(string issuerId) => Issuers.FirstOrDefault(i => i.Id == issuerId);
}
