namespace IssuerSync.Core.CloudSetup;

/// <summary>What <see cref="PodManifest"/> puts into the ServiceAccount and the Pod for one cloud.</summary>
public sealed record PodTemplate
{
    /// <summary>The projected token volume; null when a mutating webhook adds it.</summary>
    public ProjectedToken? Token { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public ConfigMapMount? ConfigMap { get; init; }

    /// <summary>Annotations on the ServiceAccount (what a webhook reads).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServiceAccountAnnotations { get; init; } = [];

    /// <summary>Labels on the Pod (what a webhook selects pods by).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PodLabels { get; init; } = [];
}
