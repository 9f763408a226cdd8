using IssuerSync.Testing;
using YamlDotNet.RepresentationModel;

namespace IssuerSync.Cli.Tests.Release;

/// <summary>.github/workflows/release.yml, parsed with YamlDotNet: what a tag sets off, in which order, with which actions.</summary>
public sealed class ReleaseWorkflowTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode workflow) => ((YamlMappingNode)ReleaseFiles.At(workflow, "jobs")!)
        .Children.Values.SelectMany(job => ((YamlSequenceNode)ReleaseFiles.At(job, "steps")!).Children.Cast<YamlMappingNode>())
        .ToArray();

    [Fact]
    public void Workflow_RunsOnVersionTagsOnly()
    {
        var on = (YamlMappingNode)ReleaseFiles.At(ReleaseFiles.Workflow, "on")!;

        Assert.Equal(["push"], on.Children.Keys.Select(k => k.ToString()));
        var push = (YamlMappingNode)ReleaseFiles.At(on, "push")!;
        Assert.Equal(["tags"], push.Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["v*"], ((YamlSequenceNode)push.Children[new YamlScalarNode("tags")]).Children.Select(t => t.ToString()));
    }

    [Fact]
    public void Workflow_TestsFirst_ThenBuildsTheArtifactsAndTheImage_ThenReleases()
    {
        var steps = Steps(ReleaseFiles.Workflow).Select(s => ReleaseFiles.Scalar(s, "run")?.Trim() ?? ReleaseFiles.Scalar(s, "uses")!.Split('@')[0]).ToList();

        int At(string step) => Assert.Single(steps.Select((s, n) => (s, n)), x => x.s == step).n;

        Assert.True(At("./scripts/test.sh") < At("./scripts/release.sh \"${{ steps.version.outputs.version }}\""));
        Assert.True(At("./scripts/release.sh \"${{ steps.version.outputs.version }}\"") < At("docker/build-push-action"));
        Assert.True(At("docker/login-action") < At("docker/build-push-action"));
        Assert.True(At("docker/build-push-action") < At("softprops/action-gh-release"));
    }

    [Fact]
    public void Workflow_PinsEveryActionByVersionTag()
    {
        var uses = Steps(ReleaseFiles.Workflow).Select(s => ReleaseFiles.Scalar(s, "uses")).OfType<string>().ToArray();

        Assert.Equal(7, uses.Length);
        Assert.All(uses, u => Assert.Matches(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@v\d+(\.\d+){0,2}$", u));
    }

    [Fact]
    public void Workflow_LogsInToGhcr_AndAttachesEveryReleaseArtifact()
    {
        var workflow = ReleaseFiles.Workflow;
        var steps = Steps(workflow);
        var login = Assert.Single(steps, s => ReleaseFiles.Scalar(s, "uses")?.StartsWith("docker/login-action@", StringComparison.Ordinal) == true);
        var release = Assert.Single(steps, s => ReleaseFiles.Scalar(s, "uses")?.StartsWith("softprops/action-gh-release@", StringComparison.Ordinal) == true);

        Assert.Equal("ghcr.io", ReleaseFiles.Scalar(login, "with", "registry"));
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", ReleaseFiles.Scalar(login, "with", "password"));
        Assert.Equal("artifacts/release/*", ReleaseFiles.Scalar(release, "with", "files"));
        Assert.Equal("true", ReleaseFiles.Scalar(release, "with", "fail_on_unmatched_files"));
        Assert.Equal(("write", "write"), (ReleaseFiles.Scalar(workflow, "permissions", "contents"), ReleaseFiles.Scalar(workflow, "permissions", "packages")));
    }

    [Fact]
    public void VersionStep_WritesTheVersion_WhenTheTagNamesTheProductVersion()
    {
        var (code, output, stdout) = RunVersionStep("v" + ReleaseFiles.ProductVersion);

        Assert.Equal((0, ""), (code, stdout));
        Assert.Equal($"version={ReleaseFiles.ProductVersion}\n", output);
    }

    [Theory]
    [InlineData("v9.9.9", "9.9.9")]
    [InlineData("v0.2.0-rc.1", "0.2.0-rc.1")]
    [InlineData("v0.2", "0.2")]
    [InlineData("v0.2.0.1", "0.2.0.1")]
    [InlineData("vv0.2.0", "v0.2.0")]
    public void VersionStep_RefusesTheTag_WhenItIsNotTheProductVersion(string tag, string version)
    {
        var (code, output, stdout) = RunVersionStep(tag);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"::error::tag '{tag}' is version '{version}', but <Version> in Directory.Build.props is '{ReleaseFiles.ProductVersion}'. Fix: set <Version> and the image tags in deploy/ to '{version}', commit, and tag that commit.\n", stdout);
    }

    // The step's own script, run as the runner runs it (bash -e), from the repository root.
    private (int Code, string Output, string Stdout) RunVersionStep(string tag)
    {
        var step = Assert.Single(Steps(ReleaseFiles.Workflow), s => ReleaseFiles.Scalar(s, "id") == "version");
        var output = _temp.Write("github-output", "");
        var (code, stdout, _) = ScriptRun.Bash(ReleaseFiles.Root, new Dictionary<string, string> { ["GITHUB_REF_NAME"] = tag, ["GITHUB_OUTPUT"] = output }, "-e", "-c", ReleaseFiles.Scalar(step, "run")!);
        return (code, File.ReadAllText(output), stdout);
    }
}
