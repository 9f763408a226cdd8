namespace IssuerSync.Agent.Hosting;

/// <summary>How the agent reaches its cluster and which service account it asks tokens for; null takes each default.</summary>
public sealed record ClusterAccess(string? ServiceAccount = null, string? Namespace = null, string? Kubeconfig = null, string? Context = null);
