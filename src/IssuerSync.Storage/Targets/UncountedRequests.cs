namespace IssuerSync.Storage.Targets;

/// <summary>The counter of targets that do not count their requests.</summary>
internal static class UncountedRequests
{
    public static RequestCounter Counter { get; } = new();
}
