using System.Xml.Linq;
using IssuerSync.Testing;
using YamlDotNet.RepresentationModel;

namespace IssuerSync.Cli.Tests.Release;

/// <summary>The repository files a release is made of: read from the source tree, as CI reads them.</summary>
internal static class ReleaseFiles
{
    public static string Root => RepositoryRoot.Path;

    public static string DockerfilePath => Path.Combine(Root, "deploy", "container", "Dockerfile");

    public static string WorkflowPath => Path.Combine(Root, ".github", "workflows", "release.yml");

    public static string ProductVersion => XDocument.Load(Path.Combine(Root, "Directory.Build.props"))
        .Descendants("Version").Single().Value;

    public static Dockerfile Dockerfile => Dockerfile.Load(DockerfilePath);

    public static YamlMappingNode Workflow => (YamlMappingNode)LoadYaml(WorkflowPath).Single();

    /// <summary>Every manifest under deploy/kubernetes (kustomization files too), with every YAML document in it.</summary>
    public static IReadOnlyList<(string File, YamlMappingNode Document)> Manifests => Directory
        .GetFiles(Path.Combine(Root, "deploy", "kubernetes"), "*.yaml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .SelectMany(f => LoadYaml(f).OfType<YamlMappingNode>().Select(d => (Path.GetRelativePath(Root, f), d)))
        .ToArray();

    /// <summary>The value of every "image" key at any depth (containers, init containers, ephemeral containers, jobs).</summary>
    public static IEnumerable<string> Images(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c =>
            c.Key is YamlScalarNode { Value: "image" } && c.Value is YamlScalarNode image ? [image.Value!] : Images(c.Value)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Images),
        _ => [],
    };

    public static YamlNode? At(YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    public static string? Scalar(YamlNode node, params string[] keys) => (At(node, keys) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> LoadYaml(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode);
    }
}
