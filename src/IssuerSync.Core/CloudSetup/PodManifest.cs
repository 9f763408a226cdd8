using System.Text;

namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// The Kubernetes side of workload identity: the ServiceAccount, and a Pod that mounts a projected
/// token for the cloud's audience and tells the cloud SDK where it is (or, for a webhook, carries
/// the annotations and labels the webhook reads).
/// </summary>
public static class PodManifest
{
    public const string ImagePlaceholder = "IMAGE";

    public static string Build(WorkloadIdentity identity, PodTemplate template)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n");
        yaml.Append($"  name: {identity.ServiceAccount}\n  namespace: {identity.Namespace}\n");
        Map(yaml, "  annotations:", template.ServiceAccountAnnotations);
        yaml.Append("---\napiVersion: v1\nkind: Pod\nmetadata:\n");
        yaml.Append($"  name: {identity.ServiceAccount}\n  namespace: {identity.Namespace}\n");
        Map(yaml, "  labels:", template.PodLabels);
        yaml.Append($"spec:\n  serviceAccountName: {identity.ServiceAccount}\n  containers:\n");
        yaml.Append($"    - name: app\n      image: {ImagePlaceholder}\n");
        if (template.Environment.Count > 0)
        {
            yaml.Append("      env:\n");
            foreach (var (name, value) in template.Environment)
            {
                yaml.Append($"        - name: {name}\n          value: {Quote(value)}\n");
            }
        }

        var (token, configMap) = (template.Token, template.ConfigMap);
        if (token is null && configMap is null)
        {
            return yaml.ToString();
        }

        yaml.Append("      volumeMounts:\n");
        if (token is not null)
        {
            yaml.Append($"        - name: {token.VolumeName}\n          mountPath: {token.MountPath}\n          readOnly: true\n");
        }

        if (configMap is not null)
        {
            yaml.Append($"        - name: {configMap.Name}\n          mountPath: {configMap.MountPath}\n          readOnly: true\n");
        }

        yaml.Append("  volumes:\n");
        if (token is not null)
        {
            yaml.Append($"    - name: {token.VolumeName}\n      projected:\n        sources:\n          - serviceAccountToken:\n");
            yaml.Append(
                $"              path: {token.FileName}\n              audience: {Quote(token.Audience)}\n" +
                $"              expirationSeconds: {token.ExpirationSeconds}\n");
        }

        if (configMap is not null)
        {
            yaml.Append($"    - name: {configMap.Name}\n      configMap:\n        name: {configMap.Name}\n");
        }

        return yaml.ToString();
    }

    private static void Map(StringBuilder yaml, string header, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        yaml.Append(header).Append('\n');
        foreach (var (key, value) in entries)
        {
            yaml.Append($"    {key}: {Quote(value)}\n");
        }
    }

    private static string Quote(string value)
        => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
