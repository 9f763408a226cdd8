namespace IssuerSync.Agent.Keys;

/// <summary>Where the cluster's service-account public keys are read.</summary>
public interface IKeySource
{
    /// <summary>Names the source in logs and messages.</summary>
    string Description { get; }

    Task<ObservedKeys> ReadAsync(CancellationToken cancellationToken = default);
}
