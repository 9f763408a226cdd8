namespace IssuerSync.Agent.Running;

/// <summary>What one cycle of the agent did.</summary>
public enum CycleOutcome
{
    /// <summary>The keys equal the last acknowledged push and no resync is due: nothing sent.</summary>
    Unchanged,

    /// <summary>The publisher accepted the keys.</summary>
    Pushed,

    /// <summary>The publisher recorded the keys, pending an operator's approval.</summary>
    Pending,
}
