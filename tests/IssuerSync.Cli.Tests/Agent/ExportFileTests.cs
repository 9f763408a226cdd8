using System.Diagnostics;
using IssuerSync.Core.Push;
using IssuerSync.Testing.Agent;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary>
/// <c>agent export --out</c> holds a token: it lands in a new owner-only file, never in a file that was
/// already there (another user's, or one with a wider mode) and never through a symlink.
/// </summary>
public sealed class ExportFileTests : AgentWorldTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Export_WritesANewOwnerOnlyFile_WhenTheDestinationExistsWithAnotherMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes and inodes.
        }

        var output = Dir.Write("bundle.json", "someone else's file\n");
        File.SetUnixFileMode(output, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        var before = Inode(output);
        var otherName = Dir.File("other-name");
        Link(output, otherName, symbolic: false); // a second name for the old inode: what its owner still holds

        var (code, _, stderr) = await ExportAsync(output);

        Assert.True(code == 0, stderr);
        Assert.NotEqual(before, Inode(output));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(output));
        Assert.Equal(Issuer, PushBundle.FromJson(File.ReadAllBytes(output)).Push.Issuer);
        Assert.Equal("someone else's file\n", File.ReadAllText(otherName));
        Assert.Equal(["bundle.json", "other-name"], Directory.GetFileSystemEntries(Dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Export_ReplacesTheLinkItself_WhenTheDestinationIsASymlink(bool targetExists)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // symlinks need privileges there.
        }

        var victim = Dir.File("victim");
        if (targetExists)
        {
            File.WriteAllText(victim, "victim\n");
            File.SetUnixFileMode(victim, OwnerOnly | UnixFileMode.OtherRead);
        }

        var output = Dir.File("bundle.json");
        Link(victim, output, symbolic: true);

        var (code, _, stderr) = await ExportAsync(output);

        Assert.True(code == 0, stderr);
        Assert.Null(new FileInfo(output).LinkTarget);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(output));
        Assert.Equal(Issuer, PushBundle.FromJson(File.ReadAllBytes(output)).Push.Issuer);
        if (targetExists)
        {
            Assert.Equal("victim\n", File.ReadAllText(victim));
            Assert.Equal(OwnerOnly | UnixFileMode.OtherRead, File.GetUnixFileMode(victim));
        }
        else
        {
            Assert.False(File.Exists(victim), "the agent created the file a dangling symlink pointed at");
        }
    }

    [Fact]
    public async Task Export_Exits2AndLeavesNoTemporaryFile_WhenTheDestinationIsADirectory()
    {
        var output = Dir.File("folder");
        Directory.CreateDirectory(output);

        var (code, _, stderr) = await ExportAsync(output);

        Assert.Equal(2, code);
        Assert.Contains($"issuersync: error: --out '{output}': cannot be written (it is a directory)", stderr);
        Assert.Equal(["folder"], Directory.GetFileSystemEntries(Dir.Path).Select(Path.GetFileName));
    }

    private Task<CliRun> ExportAsync(string output) => CliRun.RunAsync(World.ExportArgs(output));

    private static string Inode(string path) => Tool("stat", "-c", "%i", path).Trim();

    private static void Link(string target, string link, bool symbolic)
    {
        if (symbolic)
        {
            File.CreateSymbolicLink(link, target);
        }
        else
        {
            Tool("ln", target, link);
        }
    }

    private static string Tool(string name, params string[] args)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
