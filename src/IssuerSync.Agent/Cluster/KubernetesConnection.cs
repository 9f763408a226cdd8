using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace IssuerSync.Agent.Cluster;

/// <summary>
/// Builds the KubernetesClient configuration for the agent, in kubectl's order: --kubeconfig; else
/// $KUBECONFIG (a list of files, ':'-separated, ';' on Windows, merged with the first file winning,
/// files that do not exist skipped); else the in-cluster configuration inside a pod; else ~/.kube/config.
/// </summary>
public static class KubernetesConnection
{
    public const string KubeconfigVariable = "KUBECONFIG";

    /// <param name="kubeconfig">--kubeconfig, or null.</param>
    /// <param name="context">--context, or null for the kubeconfig's current context.</param>
    /// <param name="kubeconfigVariable">The value of $KUBECONFIG (the host reads the environment).</param>
    public static KubernetesClientConfiguration LoadConfiguration(string? kubeconfig, string? context, string? kubeconfigVariable)
    {
        var fromVariable = kubeconfig is null && !string.IsNullOrWhiteSpace(kubeconfigVariable);
        var source = kubeconfig is not null
            ? $" from --kubeconfig '{kubeconfig}'"
            : fromVariable ? $" from ${KubeconfigVariable} '{kubeconfigVariable}'" : string.Empty;
        try
        {
            if (kubeconfig is not null)
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
            }

            if (fromVariable)
            {
                return FromVariable(kubeconfigVariable!, context);
            }

            if (context is null && KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath: null, context);
        }
        catch (KubeConfigException e)
        {
            throw new IssuerSyncException(
                $"cannot load the Kubernetes configuration{source}: {e.Message.TrimEnd('.')}. " +
                "Hint: run in a pod with a service account, or pass --kubeconfig (and --context)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IssuerSyncException($"cannot read the kubeconfig{source}: {e.Message.TrimEnd('.')}. Hint: pass --kubeconfig with a readable file");
        }
    }

    /// <summary>The agent's own service account: --namespace, else the pod's namespace.</summary>
    public static ServiceAccountRef Account(KubernetesClientConfiguration configuration, string? @namespace, string? name)
        => new(
            @namespace ?? configuration.Namespace ?? throw AgentErrors.NoNamespace(),
            string.IsNullOrWhiteSpace(name) ? ServiceAccountRef.DefaultName : name);

    private static KubernetesClientConfiguration FromVariable(string value, string? context)
    {
        var files = value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Select(path => new FileInfo(path))
            .Where(file => file.Exists)
            .ToArray();
        if (files.Length == 0)
        {
            throw new KubeConfigException($"none of its files exists (the list is separated by '{Path.PathSeparator}')");
        }

        // Each file resolves its relative paths (certificate-authority: ca.crt) against its own folder.
        var merged = files.Select(file => KubernetesClientConfiguration.LoadKubeConfig(file, useRelativePaths: true)).Aggregate(Merge);
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
    }

    /// <summary>
    /// kubectl's merge: the first file to set a value or to name a cluster, user or context wins. (KubernetesClient.Aot's
    /// model has no preferences or extensions; the client never read them.)
    /// </summary>
    private static K8SConfiguration Merge(K8SConfiguration first, K8SConfiguration next) => new()
    {
        ApiVersion = first.ApiVersion ?? next.ApiVersion,
        Kind = first.Kind ?? next.Kind,
        FileName = first.FileName ?? next.FileName,
        CurrentContext = string.IsNullOrEmpty(first.CurrentContext) ? next.CurrentContext : first.CurrentContext,
        Clusters = Union(first.Clusters, next.Clusters, c => c.Name),
        Users = Union(first.Users, next.Users, u => u.Name),
        Contexts = Union(first.Contexts, next.Contexts, c => c.Name),
    };

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? next, Func<T, string?> name)
        => (first ?? []).Concat(next ?? []).DistinctBy(item => name(item) ?? string.Empty, StringComparer.Ordinal).ToList();
}
