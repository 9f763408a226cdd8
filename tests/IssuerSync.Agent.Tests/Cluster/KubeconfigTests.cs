using IssuerSync.Agent.Cluster;
using IssuerSync.Core;

namespace IssuerSync.Agent.Tests.Cluster;

/// <summary>
/// The kubeconfig is found the way kubectl finds it: --kubeconfig, else $KUBECONFIG (several files,
/// merged, the first one winning), else in-cluster or ~/.kube/config.
/// </summary>
public sealed class KubeconfigTests : AgentWorldTests
{
    [Fact]
    public void LoadConfiguration_MergesTheFilesOfKubeconfig_WhenTheClusterAndTheContextAreInDifferentFiles()
    {
        var configuration = KubernetesConnection.LoadConfiguration(null, null, KubeconfigList(ContextsFile("fake"), ClustersFile()));

        Assert.Equal((Api.BaseUri.ToString(), FakeApiServer.AdminToken, "from-contexts-file"), (configuration.Host, configuration.AccessToken, configuration.Namespace));
    }

    [Fact]
    public void LoadConfiguration_TakesTheFirstFilesCurrentContext_WhenSeveralFilesSetOne()
    {
        var first = ContextsFile("fake", currentContext: "fake");
        var second = ClustersFile(currentContext: "elsewhere");

        Assert.Equal("from-contexts-file", KubernetesConnection.LoadConfiguration(null, null, KubeconfigList(first, second)).Namespace);
        Assert.Equal("from-clusters-file", KubernetesConnection.LoadConfiguration(null, null, KubeconfigList(second, first)).Namespace);
    }

    [Fact]
    public void LoadConfiguration_SkipsFilesThatDoNotExist_LikeKubectl()
    {
        var configuration = KubernetesConnection.LoadConfiguration(null, null, KubeconfigList(Dir.File("missing"), Api.WriteKubeconfig(Dir.File("config"))));

        Assert.Equal(Api.BaseUri.ToString(), configuration.Host);
    }

    [Fact]
    public void LoadConfiguration_PrefersKubeconfigOption_OverTheVariable()
    {
        var configuration = KubernetesConnection.LoadConfiguration(Api.WriteKubeconfig(Dir.File("config")), null, KubeconfigList(ClustersFile(currentContext: "elsewhere")));

        Assert.Equal(FakeApiServer.Namespace, configuration.Namespace);
    }

    [Fact]
    public void LoadConfiguration_NamesTheVariable_WhenNoneOfItsFilesExists()
    {
        var value = KubeconfigList(Dir.File("a"), Dir.File("b"));

        var error = Assert.Throws<IssuerSyncException>(() => KubernetesConnection.LoadConfiguration(null, null, value));

        Assert.StartsWith($"cannot load the Kubernetes configuration from $KUBECONFIG '{value}': none of its files exists", error.Message);
    }

    [Fact]
    public async Task AgentExport_ReachesTheClusterOfKubeconfig_WhenTheVariableListsTwoFiles()
    {
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = KubeconfigList(ContextsFile("fake"), ClustersFile()), ["HOME"] = Dir.Path };

        var (code, stdout, stderr) = await CliProcess.RunAsync(environment, "agent", "export", "--issuer", "https://oidc.example.com/cluster1", "--out", Dir.File("bundle.json"));

        Assert.True(code == 0, stderr);
        Assert.StartsWith($"wrote {Dir.File("bundle.json")}: 1 key(s)", stdout);
        var request = Assert.Single(Api.TokenRequests);
        Assert.Equal(("from-contexts-file", FakeApiServer.AccountName), (request.Namespace, request.Name));
    }

    private static string KubeconfigList(params string[] files) => string.Join(Path.PathSeparator, files);

    /// <summary>A file with the contexts (and the current one) but no cluster or user.</summary>
    private string ContextsFile(string context, string? currentContext = null)
        => Dir.Write($"contexts-{Guid.NewGuid():N}", $"""
            apiVersion: v1
            kind: Config
            contexts:
            - name: {context}
              context:
                cluster: fake
                user: admin
                namespace: from-contexts-file
            current-context: {currentContext ?? context}
            """);

    /// <summary>A file with the cluster and the user; its own context points at the same cluster in another namespace.</summary>
    private string ClustersFile(string? currentContext = null)
        => Dir.Write($"clusters-{Guid.NewGuid():N}", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Api.BaseUri}
                certificate-authority-data: {Api.CertificateAuthorityData}
            users:
            - name: admin
              user:
                token: {FakeApiServer.AdminToken}
            contexts:
            - name: elsewhere
              context:
                cluster: fake
                user: admin
                namespace: from-clusters-file
            {(currentContext is null ? string.Empty : "current-context: " + currentContext)}
            """);
}
