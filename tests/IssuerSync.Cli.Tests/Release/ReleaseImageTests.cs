using System.Text.Json;
using IssuerSync.Agent.Hosting;
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

        // Native AOT needs no runtime, only what it links; chiseled: no shell, no package manager, and uid 1654 is its "app".
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", final.From);
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
    public void LivenessProbes_RunTheImagesOwnExecutable_OnTheFileTheContainerArgsTouch()
    {
        var entryPoint = Assert.Single(JsonSerializer.Deserialize<string[]>(ReleaseFiles.Dockerfile.Stages[^1].Body.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!);
        var probed = ReleaseFiles.Manifests
            .SelectMany(m => Containers(m.Document).Select(c => (m.File, Args: Strings(c, "args"), Command: Strings(c, "livenessProbe", "exec", "command"))))
            .Where(c => c.Command.Length > 0)
            .ToArray();

        // The two Deployments and the key-file one; the CronJob's pods end after one cycle and have no probe.
        Assert.Equal(["deploy/kubernetes/deployment.yaml", "deploy/kubernetes/key-file/deployment.yaml", "deploy/kubernetes/projected-token.yaml"], probed.Select(p => p.File.Replace('\\', '/')));
        Assert.All(probed, p =>
        {
            var touched = p.Args[Array.IndexOf(p.Args, "--liveness-file") + 1];
            Assert.Equal((p.File, $"{entryPoint} probe --liveness-file {touched} --max-age 20m"), (p.File, string.Join(' ', p.Command)));
        });
    }

    [Fact]
    public void LivenessProbes_AllowTheFailureThresholdAndOneInterval_BeforeTheFileCountsAsStale()
    {
        var probed = ReleaseFiles.Manifests.SelectMany(m => Containers(m.Document)).Select(c => (Args: Strings(c, "args"), Command: Strings(c, "livenessProbe", "exec", "command")))
            .Where(c => c.Command.Length > 0)
            .ToArray();

        Assert.NotEmpty(probed);
        Assert.All(probed, p =>
        {
            var threshold = DurationIn(p.Args, "--failure-threshold", AgentRunCommandLine.DefaultFailureThreshold);
            var interval = DurationIn(p.Args, "--interval", AgentRunCommandLine.DefaultInterval);
            Assert.True(DurationIn(p.Command, "--max-age", AgentProbeCommandLine.DefaultMaxAge) >= threshold + interval, string.Join(' ', p.Command));
        });
    }

    [Fact]
    public void Manifests_NeverRunAShell_SinceTheChiseledBaseHasNone()
    {
        var commands = ReleaseFiles.Manifests.SelectMany(m => Commands(m.Document).Select(c => (m.File, Command: c))).ToArray();

        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.False(
            c.Command.Length > 0 && Path.GetFileName(c.Command[0]) is "sh" or "bash" or "dash" or "busybox" or "find",
            $"{c.File}: '{string.Join(' ', c.Command)}' needs a program the chiseled base image does not have: run /app/issuersync-agent (its probe verb) instead"));
    }

    private static TimeSpan DurationIn(string[] words, string option, TimeSpan unset)
    {
        var at = Array.IndexOf(words, option);
        if (at < 0)
        {
            return unset;
        }

        Assert.True(IssuerSync.Agent.Configuration.Duration.TryParse(words[at + 1], out var value), $"{option} {words[at + 1]}");
        return value;
    }

    private static string[] Strings(YamlNode node, params string[] keys)
        => ReleaseFiles.At(node, keys) is YamlSequenceNode list ? list.Children.Select(c => ((YamlScalarNode)c).Value!).ToArray() : [];

    /// <summary>Every "command" list at any depth: containers', exec probes', lifecycle hooks'.</summary>
    private static IEnumerable<string[]> Commands(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c =>
            c.Key.ToString() == "command" && c.Value is YamlSequenceNode list
                ? [list.Children.Select(w => w.ToString()).ToArray()]
                : Commands(c.Value)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Commands),
        _ => [],
    };

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
