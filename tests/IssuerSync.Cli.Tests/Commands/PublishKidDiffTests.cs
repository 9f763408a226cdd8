using System.Security.Cryptography;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary><c>publish</c> against a directory: the kid diff on every run, a warning for each served kid it drops, and --dry-run writing nothing.</summary>
public sealed class PublishKidDiffTests : DirectoryPublishTests
{
    private const string Issuer = "https://oidc.example.com/c1";

    [Fact]
    public async Task Publish_ShowsTheKeptAndAddedKids_AndNoWarning_WhenTheNewKeyIsPublishedNextToTheOld()
    {
        await PublishAsync(Old);

        var run = await PublishAsync(Old, New);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(
            Lines(
                Row("jwks", "written", JwksFile),
                Row("discovery", "unchanged", DiscoveryFile),
                $"kids: +{Kid(New)} (added), ={Kid(Old)} (kept)",
                $"published: 2 documents, 1 written, 1 unchanged, {Size(JwksFile) + Size(DiscoveryFile)} bytes, 4 requests (3 reads, 1 write) to dir:{Root}"),
            run.Stdout);
    }

    [Fact]
    public async Task Publish_WarnsNamingTheRemovedKid_AndStillExits0_WhenAServedKidIsDropped()
    {
        await PublishAsync(Old, New);

        var run = await PublishAsync(New);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            Lines(
                Row("jwks", "written", JwksFile),
                Row("discovery", "unchanged", DiscoveryFile),
                $"kids: ={Kid(New)} (kept), -{Kid(Old)} (removed)",
                $"published: 2 documents, 1 written, 1 unchanged, {Size(JwksFile) + Size(DiscoveryFile)} bytes, 4 requests (3 reads, 1 write) to dir:{Root}"),
            run.Stdout);
        Assert.Equal(Lines(Warning(Kid(Old), JwksFile, "removes", "within the max-age your web server sends")), run.Stderr);
        Assert.DoesNotContain(Kid(Old), File.ReadAllText(JwksFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_ShowsTheKidDiffAndTheWarning_AndWritesNothing_WhenAServedKidWouldBeDropped()
    {
        await PublishAsync(Old);
        var jwksBefore = File.ReadAllBytes(JwksFile);
        var discoveryBefore = File.ReadAllBytes(DiscoveryFile);
        var writtenAt = File.GetLastWriteTimeUtc(JwksFile);

        var run = await PublishAsync(["--dry-run"], New);

        Assert.Equal(0, run.ExitCode);
        var wouldBe = Encoding(New);
        Assert.Equal(
            Lines(
                $"{"jwks",-9}  {"would write",-11}  {wouldBe,6} bytes  {JwksFile}",
                Row("discovery", "unchanged", DiscoveryFile),
                $"kids: +{Kid(New)} (added), -{Kid(Old)} (removed)",
                $"dry run: 2 documents, 1 would be written, 1 unchanged, {wouldBe + Size(DiscoveryFile)} bytes, 2 requests (2 reads, 0 writes) to dir:{Root}"),
            run.Stdout);
        Assert.Equal(Lines(Warning(Kid(Old), JwksFile, "would remove", "within the max-age your web server sends")), run.Stderr);
        Assert.Equal(jwksBefore, File.ReadAllBytes(JwksFile));
        Assert.Equal(discoveryBefore, File.ReadAllBytes(DiscoveryFile));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(JwksFile));
    }

    [Fact]
    public async Task DryRun_ShowsEveryKidAdded_AndCreatesNothing_WhenNothingIsServedYet()
    {
        var run = await PublishAsync(["--dry-run"], Old);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal($"kids: +{Kid(Old)} (added)", run.Stdout.Split(Environment.NewLine)[2]);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task Publish_ShowsEveryKidKept_WhenNothingChanges()
    {
        await PublishAsync(Old, New);

        var run = await PublishAsync(Old, New);

        Assert.Equal("", run.Stderr);
        var kids = run.Stdout.Split(Environment.NewLine)[2];
        Assert.Matches($"^kids: =({Kid(Old)}|{Kid(New)}) \\(kept\\), =({Kid(Old)}|{Kid(New)}) \\(kept\\)$", kids);
        Assert.Contains(Kid(Old), kids, StringComparison.Ordinal);
        Assert.Contains(Kid(New), kids, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"notkeys\":[]}")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Publish_SaysTheReplacedKidsAreUnknown_AndWarnsOfNone_WhenTheServedJwksIsNotAJwks(string served)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JwksFile)!);
        File.WriteAllText(JwksFile, served);

        var run = await PublishAsync(Old);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal($"kids: +{Kid(Old)} (added); the served JWKS is not a readable JWKS, so the kids it replaces are unknown", run.Stdout.Split(Environment.NewLine)[2]);
    }

    internal static string Warning(string kid, string location, string verb, string cache)
        => $"issuersync: warning: kid {kid} is still published at {location} and this publish {verb} it: tokens it signed stop verifying as soon as a cloud refetches the JWKS ({cache}). Hint: rotate in steps: publish the new key next to the old one, switch the signing key, and remove the old key only after the longest token lifetime has passed (docs/rotation.md)";

    internal static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));

    internal static string Kid(AsymmetricAlgorithm key) => TestKeys.ExpectedKid(key);

    private static string Row(string document, string status, string file) => $"{document,-9}  {status,-11}  {Size(file),6} bytes  {file}";

    private static long Size(string file) => new FileInfo(file).Length;

    private int Encoding(RSA key)
    {
        var file = Temp.Write($"jwks-{Guid.NewGuid():N}.json", "");
        var pem = Temp.Write($"k-{Guid.NewGuid():N}.pub", TestKeys.PublicPem(key));
        CliRun.InvokeAsync("jwks", "--key", pem, "--out", file).GetAwaiter().GetResult();
        return File.ReadAllBytes(file).Length;
    }

    private Task<CliRun> PublishAsync(params RSA[] keys) => PublishAsync([], keys);

    private Task<CliRun> PublishAsync(string[] extra, params RSA[] keys)
    {
        var args = new List<string> { "publish", "--issuer", Issuer, "--target", $"dir:{Root}" };
        foreach (var key in keys)
        {
            args.Add("--key");
            args.Add(KeyFile(key));
        }

        args.AddRange(extra);
        return CliRun.InvokeAsync([.. args]);
    }
}
