using YamlDotNet.RepresentationModel;

namespace IssuerSync.Cli.Tests.Release;

/// <summary>
/// The agent's image as the release builds it (deploy/container/Dockerfile), pushes it
/// (.github/workflows/release.yml) and pulls it (every manifest under deploy/kubernetes): one
/// repository, one tag, the product version, never Docker Hub's library.
/// </summary>
public sealed class ReleaseImageTests
{
    private const string Repository = "ghcr.io/issuersync/issuersync-agent";

    private static string Expected => $"{Repository}:{ReleaseFiles.ProductVersion}";

    [Fact]
    public void ProductVersion_IsASemanticVersion()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", ReleaseFiles.ProductVersion);
    }

    [Fact]
    public void Manifests_PullTheReleasedImage_TaggedWithTheProductVersion()
    {
        var images = ReleaseFiles.Manifests.SelectMany(m => ReleaseFiles.Images(m.Document).Select(i => (m.File, Image: i))).ToArray();

        Assert.Equal(4, images.Length);
        Assert.All(images, i => Assert.Equal((i.File, Expected), (i.File, i.Image)));
    }

    [Fact]
    public void Dockerfile_DefaultsToTheProductVersion_AndItsBuildCommandTagsTheReleasedImage()
    {
        var dockerfile = ReleaseFiles.Dockerfile;

        Assert.Equal(ReleaseFiles.ProductVersion, dockerfile.GlobalArguments["VERSION"]);
        var words = dockerfile.Comments.SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var tag = Assert.Single(words.Select((w, n) => (w, n)), x => x.w == "-t").n + 1;
        Assert.Equal(Expected, words[tag]);
        Assert.Contains(dockerfile.Stages[^1].Body, i => i.Keyword == "LABEL" && i.Arguments.Contains("org.opencontainers.image.version=\"$VERSION\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Workflow_PushesTheImageTheManifestsPull_TaggedWithTheTagsVersion()
    {
        var workflow = ReleaseFiles.Workflow;
        var push = Assert.Single(ReleaseWorkflowTests.Steps(workflow), s => ReleaseFiles.Scalar(s, "uses")?.StartsWith("docker/build-push-action@", StringComparison.Ordinal) == true);

        Assert.Equal(Repository, ReleaseFiles.Scalar(workflow, "env", "IMAGE"));
        Assert.Equal("${{ env.IMAGE }}:${{ steps.version.outputs.version }}", ReleaseFiles.Scalar(push, "with", "tags"));
        Assert.Equal("VERSION=${{ steps.version.outputs.version }}", ReleaseFiles.Scalar(push, "with", "build-args"));
        Assert.Equal("true", ReleaseFiles.Scalar(push, "with", "push"));
        Assert.Equal("deploy/container/Dockerfile", ReleaseFiles.Scalar(push, "with", "file"));
        Assert.Equal(["linux/amd64", "linux/arm64"], ReleaseFiles.Scalar(push, "with", "platforms")!.Split(',').Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ImageReferences_NeverResolveToDockerHubLibrary_NorLackARegistryHost()
    {
        var references = ReleaseFiles.Manifests.SelectMany(m => ReleaseFiles.Images(m.Document).Select(i => (m.File, i)))
            .Concat(BaseImages().Select(i => ("deploy/container/Dockerfile", i)))
            .Append((".github/workflows/release.yml", ReleaseFiles.Scalar(ReleaseFiles.Workflow, "env", "IMAGE")!))
            .ToArray();

        Assert.Equal(7, references.Length);
        Assert.All(references, r =>
        {
            var image = ImageReference.Parse(r.Item2);
            Assert.False(image.HostImplied || image.ResolvesToDockerHubLibrary, $"{r.Item1}: '{r.Item2}' resolves to {image.Name}: name the registry (ghcr.io, mcr.microsoft.com)");
        });
    }

    [Fact]
    public void Dockerfile_FinalStage_RunsTheAgentAsTheNonRootUidOfTheManifests()
    {
        var final = ReleaseFiles.Dockerfile.Stages[^1];
        var user = final.Body.Last(i => i.Keyword == "USER").Arguments;

        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:", final.From, StringComparison.Ordinal);
        Assert.Equal("1654", user.Split(':')[0]);
        Assert.Equal("[\"/app/issuersync-agent\"]", final.Body.Single(i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains(("COPY", "--from=build /app/issuersync-agent /app/issuersync-agent"), final.Body);
        var nonRootPods = ReleaseFiles.Manifests.Select(m => ReleaseFiles.At(m.Document, "spec", "template", "spec") ?? ReleaseFiles.At(m.Document, "spec", "jobTemplate", "spec", "template", "spec"))
            .OfType<YamlMappingNode>()
            .Where(p => ReleaseFiles.Scalar(p, "securityContext", "runAsNonRoot") == "true")
            .ToArray();
        Assert.Equal(3, nonRootPods.Length);
        Assert.All(nonRootPods, p => Assert.Equal(user, ReleaseFiles.Scalar(p, "securityContext", "runAsUser")));
    }

    [Fact]
    public void Dockerfile_BuildsTheAgentWithNativeAot_ForTheTargetArchitecture()
    {
        var build = ReleaseFiles.Dockerfile.Stages.Single(s => s.Name == "build");
        var publish = Assert.Single(build.Body, i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Arguments;

        Assert.Equal("--platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build", ReleaseFiles.Dockerfile.Instructions.First(i => i.Keyword == "FROM").Arguments);
        Assert.Contains("src/IssuerSync.Agent.Host ", publish, StringComparison.Ordinal);
        Assert.Contains("-r linux-$TARGETARCH -p:PublishAot=true", publish, StringComparison.Ordinal);
        Assert.Contains("-p:Version=$VERSION", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void LivenessProbes_RunAShell_OnlyIfTheBaseImageHasOne()
    {
        var final = ReleaseFiles.Dockerfile.Stages[^1].From;
        var shellProbes = ReleaseFiles.Manifests
            .SelectMany(m => Containers(m.Document).Select(c => (m.File, Command: ReleaseFiles.At(c, "livenessProbe", "exec", "command"))))
            .Where(p => p.Command is YamlSequenceNode s && s.Children.Count > 0 && s.Children[0].ToString() == "/bin/sh")
            .ToArray();

        // Chiseled and distroless bases have no /bin/sh: such a probe would fail and restart the agent forever.
        if (shellProbes.Length > 0)
        {
            var shellless = final.Contains("chiseled", StringComparison.Ordinal) || final.Contains("distroless", StringComparison.Ordinal);
            Assert.False(shellless, $"{final} has no /bin/sh, but {string.Join(", ", shellProbes.Select(p => p.File))} probe with it");
        }
    }

    private static IEnumerable<string> BaseImages()
    {
        var dockerfile = ReleaseFiles.Dockerfile;
        var stageNames = dockerfile.Stages.Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return dockerfile.Stages.Select(s => s.From).Where(f => !stageNames.Contains(f))
            .Select(f => dockerfile.GlobalArguments.Aggregate(f, (image, arg) => image.Replace("$" + arg.Key, arg.Value, StringComparison.Ordinal)));
    }

    private static IEnumerable<YamlMappingNode> Containers(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c =>
            c.Key.ToString() == "containers" && c.Value is YamlSequenceNode list
                ? list.Children.OfType<YamlMappingNode>()
                : Containers(c.Value)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Containers),
        _ => [],
    };
}
