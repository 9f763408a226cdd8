namespace IssuerSync.Agent.Running;

/// <summary>
/// Decides whether the agent still counts as alive: yes after a healthy cycle, and yes while failures
/// have lasted less than the threshold (a publisher restart is not a reason to restart the agent).
/// </summary>
public sealed class LivenessTracker(TimeSpan failureThreshold)
{
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>Records a cycle's outcome and says whether to touch the liveness file.</summary>
    public bool Record(bool healthy, DateTimeOffset now)
    {
        if (healthy)
        {
            FailingSince = null;
            return true;
        }

        FailingSince ??= now;
        return now - FailingSince.Value < failureThreshold;
    }
}
