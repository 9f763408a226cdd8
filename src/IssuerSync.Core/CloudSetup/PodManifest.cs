using System.Text;

namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// The Kubernetes side of workload identity without any webhook: the ServiceAccount, and a Pod that
/// mounts a projected token for the cloud's audience and tells the cloud SDK where it is.
/// </summary>
public static class PodManifest
{
    public const string ImagePlaceholder = "IMAGE";

    public static string Build(
        WorkloadIdentity identity,
        ProjectedToken token,
        IReadOnlyList<KeyValuePair<string, string>> environment,
        ConfigMapMount? configMap = null)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n");
        yaml.Append($"  name: {identity.ServiceAccount}\n  namespace: {identity.Namespace}\n");
        yaml.Append("---\napiVersion: v1\nkind: Pod\nmetadata:\n");
        yaml.Append($"  name: {identity.ServiceAccount}\n  namespace: {identity.Namespace}\n");
        yaml.Append($"spec:\n  serviceAccountName: {identity.ServiceAccount}\n  containers:\n");
        yaml.Append($"    - name: app\n      image: {ImagePlaceholder}\n      env:\n");
        foreach (var (name, value) in environment)
        {
            yaml.Append($"        - name: {name}\n          value: {Quote(value)}\n");
        }

        yaml.Append("      volumeMounts:\n");
        yaml.Append($"        - name: {token.VolumeName}\n          mountPath: {token.MountPath}\n          readOnly: true\n");
        if (configMap is not null)
        {
            yaml.Append($"        - name: {configMap.Name}\n          mountPath: {configMap.MountPath}\n          readOnly: true\n");
        }

        yaml.Append("  volumes:\n");
        yaml.Append($"    - name: {token.VolumeName}\n      projected:\n        sources:\n          - serviceAccountToken:\n");
        yaml.Append($"              path: {token.FileName}\n              audience: {Quote(token.Audience)}\n              expirationSeconds: {token.ExpirationSeconds}\n");
        if (configMap is not null)
        {
            yaml.Append($"    - name: {configMap.Name}\n      configMap:\n        name: {configMap.Name}\n");
        }

        return yaml.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
