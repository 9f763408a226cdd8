using System.Xml.Linq;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Structure;

/// <summary>
/// The dependency graph of DESIGN.md, read from the project files: a new reference between products is a change to this
/// table, made on purpose. Core stays free of I/O, so it references no project and no SDK that talks to a store, a
/// cluster or the network.
/// </summary>
public sealed class ProjectGraphTests
{
    public static TheoryData<string, string[]> Graph => new()
    {
        { "src/IssuerSync.Core", [] },
        { "src/IssuerSync.Storage", ["IssuerSync.Core"] },
        { "src/IssuerSync.Agent", ["IssuerSync.Core"] },
        { "src/IssuerSync.Agent.Host", ["IssuerSync.Agent", "IssuerSync.Core"] },
        { "src/IssuerSync.Publisher", ["IssuerSync.Core", "IssuerSync.Storage"] },
        { "src/IssuerSync.Publisher.Web", ["IssuerSync.Publisher"] },
        { "src/IssuerSync.Cli", ["IssuerSync.Agent", "IssuerSync.Core", "IssuerSync.Publisher.Web", "IssuerSync.Storage"] },
        { "functions/IssuerSync.Functions", ["IssuerSync.Publisher.Web"] },
    };

    [Theory]
    [MemberData(nameof(Graph))]
    public void Project_ReferencesExactlyTheProjectsOfTheDesign(string folder, string[] expected)
    {
        var references = Project(folder).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, references);
    }

    [Fact]
    public void Graph_CoversEveryProductProject()
    {
        var projects = new[] { "src", "functions" }
            .SelectMany(root => Directory.GetFiles(Path.Combine(RepositoryRoot.Path, root), "*.csproj", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(RepositoryRoot.Path, Path.GetDirectoryName(file)!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Graph.Select(row => (string)row[0]).Order(StringComparer.Ordinal), projects);
    }

    [Fact]
    public void Core_ReferencesOnlyTheTokenLibraries()
    {
        var packages = Project("src/IssuerSync.Core").Descendants("PackageReference")
            .Select(r => r.Attribute("Include")!.Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["Microsoft.IdentityModel.JsonWebTokens", "Microsoft.IdentityModel.Tokens"], packages);
        Assert.Empty(Project("src/IssuerSync.Core").Descendants("FrameworkReference"));
    }

    private static XDocument Project(string folder)
    {
        var directory = Path.Combine(RepositoryRoot.Path, folder);
        return XDocument.Load(Directory.GetFiles(directory, "*.csproj").Single());
    }
}
