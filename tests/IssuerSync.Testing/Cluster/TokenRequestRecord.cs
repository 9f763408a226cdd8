namespace IssuerSync.Testing.Cluster;

/// <summary>A TokenRequest the fake API server received.</summary>
public sealed record TokenRequestRecord(string Namespace, string Name, IReadOnlyList<string> Audiences, long ExpirationSeconds, string? Kind);
