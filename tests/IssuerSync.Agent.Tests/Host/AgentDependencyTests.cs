namespace IssuerSync.Agent.Tests.Host;

/// <summary>DESIGN.md: "Agent needs Core only". What the agent library and its executable load, and what they must not.</summary>
public sealed class AgentDependencyTests
{
    [Fact]
    public void AgentLibrary_ReferencesCoreAndTheAotKubernetesClient_AndNoStorageNorCloudSdk()
    {
        var references = typeof(AgentInfo).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Contains("IssuerSync.Core", references);
        Assert.Contains("KubernetesClient.Aot", references);
        Assert.DoesNotContain(references, name =>
            name.StartsWith("IssuerSync.", StringComparison.Ordinal) && name != "IssuerSync.Core"
            || name.StartsWith("Azure.", StringComparison.Ordinal)
            || name.StartsWith("AWSSDK.", StringComparison.Ordinal)
            || name == "KubernetesClient"
            || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
    }

    [Fact]
    public void AgentHostDepsFile_ListsOnlyTheAgentCoreAndTheirPackages()
    {
        var deps = File.ReadAllText(Path.ChangeExtension(AgentHostProcess.Dll, ".deps.json"));

        Assert.Contains("\"IssuerSync.Agent/", deps, StringComparison.Ordinal);
        Assert.Contains("\"IssuerSync.Core/", deps, StringComparison.Ordinal);
        foreach (var absent in new[] { "IssuerSync.Storage", "IssuerSync.Publisher", "IssuerSync.Cli", "Azure.", "AWSSDK.", "Spectre.Console", "\"KubernetesClient/" })
        {
            Assert.DoesNotContain(absent, deps, StringComparison.OrdinalIgnoreCase);
        }
    }
}
