using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Release;

/// <summary>
/// scripts/release.sh's argument checking. The script runs from a copy in a temporary folder, so a
/// check that let a bad argument through would find no project to build there, and the test sees
/// that the script started (its artifacts folder exists).
/// </summary>
public sealed class ReleaseScriptTests : IDisposable
{
    private const string Usage = "Usage: scripts/release.sh VERSION [--rids RID[,RID…]]";

    private readonly TempDirectory _temp = new();

    public ReleaseScriptTests()
    {
        Directory.CreateDirectory(_temp.File("scripts"));
        File.Copy(Path.Combine(ReleaseFiles.Root, "scripts", "release.sh"), _temp.File("scripts/release.sh"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Release_ExitsWithUsage_WhenVersionIsMissing()
    {
        var (code, stdout, stderr) = Run();

        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith($"release: VERSION is missing\n{Usage}\n", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("artifacts")));
    }

    [Theory]
    [InlineData("v0.2.0", "drop the leading 'v' (the git tag is v0.2.0, the version 0.2.0)")]
    [InlineData("0.2.0+build.5", "drop the build metadata after '+': an image tag cannot hold '+'")]
    [InlineData("0.2", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("0.2.0.1", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("00.2.0", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("0.2.0-", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("0.2.0-rc..1", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("0.2.0-rc_1", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("0.2.0;rm -rf /", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("0.2.0\n", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    [InlineData("latest", "use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1")]
    public void Release_RefusesTheVersion_WhenItIsNotSemVerWithoutBuildMetadata(string version, string hint)
    {
        var (code, stdout, stderr) = Run(version);

        Assert.Equal((2, ""), (code, stdout));
        Assert.Equal($"release: VERSION '{version}' is not a release version: {hint}\n", stderr);
        Assert.False(Directory.Exists(_temp.File("artifacts")));
    }

    [Theory]
    [InlineData(new[] { "0.2.0", "--rids", "linux-x86" }, "release: --rids: 'linux-x86' is not one of linux-x64 linux-arm64 osx-arm64 win-x64")]
    [InlineData(new[] { "0.2.0", "--rids", "linux-x64,osx-x64" }, "release: --rids: 'osx-x64' is not one of linux-x64 linux-arm64 osx-arm64 win-x64")]
    [InlineData(new[] { "0.2.0", "--rids" }, "release: --rids needs a value, e.g. --rids linux-x64,win-x64")]
    [InlineData(new[] { "0.2.0", "--trim" }, "release: unknown option '--trim'")]
    [InlineData(new[] { "0.2.0", "0.3.0" }, "release: one VERSION only (got '0.2.0' and '0.3.0')")]
    public void Release_ExitsWithUsage_WhenAnArgumentIsWrong(string[] arguments, string error)
    {
        var (code, stdout, stderr) = Run(arguments);

        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith($"{error}\n{Usage}\n", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("artifacts")));
    }

    private (int Code, string Stdout, string Stderr) Run(params string[] arguments)
        => ScriptRun.Bash(_temp.Path, new Dictionary<string, string>(), [_temp.File("scripts/release.sh"), .. arguments]);
}
