extern alias KubernetesFull;

using KubernetesFull::k8s;
using KubernetesFull::k8s.Models;

namespace IssuerSync.Agent.Tests.Deploy;

/// <summary>deploy/kubernetes, loaded with KubernetesClient's YAML loader: least privilege, and workloads that run the agent as documented.</summary>
public sealed class ManifestTests
{
    private const string Namespace = "issuersync";
    private const string Account = "issuersync-agent";

    private const string KeyFileNamespace = "issuersync-key-file";

    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");

    private static readonly string KeyFileFolder = Path.Combine(Folder, "key-file");

    private static readonly Lazy<IReadOnlyList<object>> Objects = new(() => Load(Folder));

    private static readonly Lazy<IReadOnlyList<object>> KeyFileObjects = new(() => Load(KeyFileFolder));

    [Fact]
    public void Manifests_DefineOnlyTheExpectedKinds_AndNoClusterRoleOrSecret()
    {
        var kinds = Objects.Value.Select(o => o.GetType().Name).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["V1ClusterRoleBinding", "V1ConfigMap", "V1CronJob", "V1Deployment", "V1Namespace", "V1Role", "V1RoleBinding", "V1ServiceAccount"], kinds);
    }

    [Fact]
    public void ClusterRoleBinding_BindsOnlyTheIssuerDiscoveryRole_ToTheAgentAlone()
    {
        var binding = Assert.Single(Objects.Value.OfType<V1ClusterRoleBinding>());

        Assert.Equal(("rbac.authorization.k8s.io", "ClusterRole", "system:service-account-issuer-discovery"), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", Account, Namespace), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void Role_GrantsOnlyCreateServiceAccountTokenForItsOwnAccount()
    {
        var role = Assert.Single(Objects.Value.OfType<V1Role>());

        Assert.Equal(Namespace, role.Metadata.NamespaceProperty);
        var rule = Assert.Single(role.Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["serviceaccounts/token"], rule.Resources);
        Assert.Equal(["create"], rule.Verbs);
        Assert.Equal([Account], rule.ResourceNames);
        Assert.Null(rule.NonResourceURLs);
    }

    [Fact]
    public void RoleBinding_BindsTheTokenRole_ToTheAgentAlone()
    {
        var role = Assert.Single(Objects.Value.OfType<V1Role>());
        var binding = Assert.Single(Objects.Value.OfType<V1RoleBinding>());

        Assert.Equal(Namespace, binding.Metadata.NamespaceProperty);
        Assert.Equal(("rbac.authorization.k8s.io", "Role", role.Metadata.Name), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", Account, Namespace), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void ServiceAccount_IsTheOneEveryWorkloadRunsAs()
    {
        var account = Assert.Single(Objects.Value.OfType<V1ServiceAccount>());

        Assert.Equal((Account, Namespace), (account.Metadata.Name, account.Metadata.NamespaceProperty));
        Assert.All(Pods(), pod => Assert.Equal(Account, pod.Spec.ServiceAccountName));
    }

    [Fact]
    public void Workloads_RunTheAgentRestrictedWithResourceRequests()
    {
        Assert.Equal(3, Pods().Count);
        Assert.All(Pods(), pod =>
        {
            Assert.Equal(Namespace, pod.Namespace);
            Assert.True(pod.Spec.SecurityContext.RunAsNonRoot);
            Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
            var container = Assert.Single(pod.Spec.Containers);
            // issuersync-agent takes the options of `agent run` alone, without the verb.
            Assert.StartsWith("--", container.Args[0], StringComparison.Ordinal);
            Assert.DoesNotContain(container.Args, a => a is "agent" or "run");
            Assert.Contains("$(ISSUERSYNC_PUBLISHER)", container.Args);
            Assert.Contains("$(ISSUERSYNC_ISSUER)", container.Args);
            Assert.Equal(["cpu", "memory"], container.Resources.Requests.Keys.Order(StringComparer.Ordinal));
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.Null(container.SecurityContext.Privileged);
            Assert.DoesNotContain(pod.Spec.Volumes ?? [], v => v.HostPath is not null || v.Secret is not null);
        });
    }

    [Fact]
    public void CronJob_RunsOneCycle()
    {
        var job = Assert.Single(Objects.Value.OfType<V1CronJob>());

        Assert.Contains("--once", job.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Args);
        Assert.Equal("Forbid", job.Spec.ConcurrencyPolicy);
    }

    [Fact]
    public void Deployments_ProbeTheLivenessFileTheAgentTouches_WithTheAgentsOwnExecutable()
    {
        var deployments = Objects.Value.OfType<V1Deployment>().Concat(KeyFileObjects.Value.OfType<V1Deployment>()).ToArray();

        Assert.Equal(3, deployments.Length);
        Assert.All(deployments, deployment =>
        {
            var container = deployment.Spec.Template.Spec.Containers[0];
            var at = container.Args.IndexOf("--liveness-file");
            Assert.True(at >= 0, deployment.Metadata.Name + " touches no liveness file");
            var file = container.Args[at + 1];
            // The image has no shell: the probe is the image's entry point (no `command:` overrides it) and its probe verb.
            Assert.Null(container.Command);
            Assert.Equal(["/app/issuersync-agent", "probe", "--liveness-file", file, "--max-age", "20m"], container.LivenessProbe.Exec.Command);
            Assert.Contains(container.VolumeMounts, m => file.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void CronJob_HasNoLivenessProbe_SinceEachPodRunsOneCycle()
    {
        var container = Assert.Single(Assert.Single(Objects.Value.OfType<V1CronJob>()).Spec.JobTemplate.Spec.Template.Spec.Containers);

        Assert.Null(container.LivenessProbe);
        Assert.DoesNotContain("--liveness-file", container.Args);
    }

    [Fact]
    public void ProjectedTokenExample_MountsATokenForThePublishersAudience_AtTheTokenFilePath()
    {
        var deployment = Assert.Single(Objects.Value.OfType<V1Deployment>(), d => d.Metadata.Name.EndsWith("-projected", StringComparison.Ordinal));
        var pod = deployment.Spec.Template.Spec;
        var volume = Assert.Single(pod.Volumes, v => v.Projected is not null);
        var projection = Assert.Single(volume.Projected.Sources).ServiceAccountToken;
        var container = pod.Containers[0];
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == volume.Name);

        Assert.Equal("issuersync", projection.Audience);
        Assert.InRange(projection.ExpirationSeconds ?? 0, 600, 3600 * 2);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal($"{mount.MountPath}/{projection.Path}", container.Args[container.Args.IndexOf("--token-file") + 1]);
    }

    [Fact]
    public void Kustomization_ListsOnlyFilesThatExist()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "kustomization.yaml"));
        var resources = lines.SkipWhile(l => l.Trim() != "resources:").Skip(1).Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToArray();

        Assert.Equal(["namespace.yaml", "serviceaccount.yaml", "rbac.yaml", "config.yaml", "deployment.yaml"], resources);
        Assert.All(resources, r => Assert.True(File.Exists(Path.Combine(Folder, r)), r));
    }

    [Fact]
    public void KeyFileNamespace_IsTheOnlyPrivilegedOne_AndTheAgentsNamespaceStaysRestricted()
    {
        var main = Assert.Single(Objects.Value.OfType<V1Namespace>());
        var keyFile = Assert.Single(KeyFileObjects.Value.OfType<V1Namespace>());

        Assert.Equal((Namespace, "restricted"), (main.Metadata.Name, main.Metadata.Labels["pod-security.kubernetes.io/enforce"]));
        Assert.Equal((KeyFileNamespace, "privileged"), (keyFile.Metadata.Name, keyFile.Metadata.Labels["pod-security.kubernetes.io/enforce"]));
        Assert.All(KeyFileObjects.Value.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace), o => Assert.Equal(KeyFileNamespace, o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void KeyFileDeployment_ReadsOneHostFileReadOnly_OnAControlPlaneNode_AndNothingMore()
    {
        var deployment = Assert.Single(KeyFileObjects.Value.OfType<V1Deployment>());
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(Account, pod.ServiceAccountName);
        Assert.Equal("", pod.NodeSelector["node-role.kubernetes.io/control-plane"]);
        Assert.Contains(pod.Tolerations, t => t.Key == "node-role.kubernetes.io/control-plane" && t.Effect == "NoSchedule");
        var hostPath = Assert.Single(pod.Volumes, v => v.HostPath is not null);
        Assert.Equal(("/etc/kubernetes/pki/sa.pub", "File"), (hostPath.HostPath.Path, hostPath.HostPath.Type));
        Assert.DoesNotContain(pod.Volumes, v => v.Secret is not null || v.Projected is not null);
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == hostPath.Name);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(mount.MountPath, container.Args[container.Args.IndexOf("--key-file") + 1]);
        Assert.StartsWith("--", container.Args[0], StringComparison.Ordinal);
        Assert.DoesNotContain(container.Args, a => a is "agent" or "run");
        Assert.Null(pod.HostNetwork);
        Assert.Null(pod.HostPID);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(container.SecurityContext.Privileged);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Null(container.SecurityContext.Capabilities.Add);
    }

    [Fact]
    public void KeyFileRbac_GrantsOnlyTokenCreateForItsOwnAccount_AndNoClusterWideRights()
    {
        var kinds = KeyFileObjects.Value.Select(o => o.GetType().Name).Order(StringComparer.Ordinal);
        var role = Assert.Single(KeyFileObjects.Value.OfType<V1Role>());
        var binding = Assert.Single(KeyFileObjects.Value.OfType<V1RoleBinding>());

        Assert.Equal(["V1ConfigMap", "V1Deployment", "V1Namespace", "V1Role", "V1RoleBinding", "V1ServiceAccount"], kinds);
        var rule = Assert.Single(role.Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["serviceaccounts/token"], rule.Resources);
        Assert.Equal(["create"], rule.Verbs);
        Assert.Equal([Account], rule.ResourceNames);
        Assert.Equal(role.Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", Account, KeyFileNamespace), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void KeyFileKustomization_ListsEveryManifestOfItsFolder()
    {
        var resources = Resources(Path.Combine(KeyFileFolder, "kustomization.yaml"));

        Assert.Equal(Directory.GetFiles(KeyFileFolder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal), resources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Images_AreTaggedWithTheProductVersion()
    {
        var containers = Pods().Select(p => p.Spec).Concat(KeyFileObjects.Value.OfType<V1Deployment>().Select(d => d.Spec.Template.Spec)).SelectMany(p => p.Containers).ToArray();

        Assert.Equal(4, containers.Length);
        Assert.All(containers, c => Assert.Equal($"ghcr.io/issuersync/issuersync-agent:{AgentInfo.Version}", c.Image));
    }

    private static IReadOnlyList<object> Load(string folder) => Directory.GetFiles(folder, "*.yaml")
        .Where(f => Path.GetFileName(f) != "kustomization.yaml")
        .Order(StringComparer.Ordinal)
        .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))
        .ToArray();

    private static string[] Resources(string kustomization) => File.ReadAllLines(kustomization)
        .SkipWhile(l => l.Trim() != "resources:").Skip(1).Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToArray();

    private static IReadOnlyList<(string Namespace, V1PodSpec Spec)> Pods()
        => Objects.Value.OfType<V1Deployment>().Select(d => (d.Metadata.NamespaceProperty, d.Spec.Template.Spec))
            .Concat(Objects.Value.OfType<V1CronJob>().Select(c => (c.Metadata.NamespaceProperty, c.Spec.JobTemplate.Spec.Template.Spec)))
            .ToArray();
}
