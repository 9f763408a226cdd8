namespace IssuerSync.Core.CloudSetup;

/// <summary>A ConfigMap mounted read-only into the pod (GCP's credential configuration).</summary>
public sealed record ConfigMapMount(string Name, string MountPath);
