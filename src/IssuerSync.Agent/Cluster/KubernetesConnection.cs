using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using k8s;
using k8s.Exceptions;

namespace IssuerSync.Agent.Cluster;

/// <summary>Builds the KubernetesClient for the agent: in-cluster config inside a pod, a kubeconfig outside.</summary>
public static class KubernetesConnection
{
    public static KubernetesClientConfiguration LoadConfiguration(string? kubeconfig, string? context)
    {
        try
        {
            if (kubeconfig is null && context is null && KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
        }
        catch (KubeConfigException e)
        {
            throw new IssuerSyncException($"cannot load the Kubernetes configuration{(kubeconfig is null ? string.Empty : $" from --kubeconfig '{kubeconfig}'")}: {e.Message.TrimEnd('.')}. Hint: run in a pod with a service account, or pass --kubeconfig (and --context)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IssuerSyncException($"cannot read the kubeconfig{(kubeconfig is null ? string.Empty : $" '{kubeconfig}'")}: {e.Message.TrimEnd('.')}. Hint: pass --kubeconfig with a readable file");
        }
    }

    /// <summary>The agent's own service account: --namespace, else the pod's namespace.</summary>
    public static ServiceAccountRef Account(KubernetesClientConfiguration configuration, string? @namespace, string? name)
        => new(
            @namespace ?? configuration.Namespace ?? throw AgentErrors.NoNamespace(),
            string.IsNullOrWhiteSpace(name) ? ServiceAccountRef.DefaultName : name);
}
