using System.Diagnostics;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>
/// Exit codes as documented (README): a --target that cannot be used as given is invalid input (2),
/// not a storage failure (3) nor an internal error (70); each is one line saying what to pass.
/// The built executable runs with a controlled environment (AWS_REGION, AZURE_STORAGE_CONNECTION_STRING unset).
/// </summary>
public sealed class TargetExitCodeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("ftp://example.com/oidc", "is not one this version knows: use dir:PATH | azblob:")]
    [InlineData("azure:https://acct.blob.core.windows.net/oidc", "is not one this version knows")]
    [InlineData("S3://bucket", "is not one this version knows")]
    [InlineData("dir:", "names no directory")]
    [InlineData("s3://Bad_Bucket", "is not a bucket name")]
    [InlineData("azblob:ftp://acct.blob.core.windows.net/oidc", "is not an http(s) URL")]
    [InlineData("azblob:http://acct.blob.core.windows.net/oidc", "uses http: Azure Storage accounts need https")]
    [InlineData("azblob:https://acct.blob.core.windows.net/", "names no container")]
    [InlineData("s3://bucket", "target 's3://bucket' needs the bucket's region. Hint: pass --region or set AWS_REGION to the bucket's region, e.g. eu-west-1")]
    public void Publish_Exits2WithOneLine_WhenTheTargetCannotBeUsedAsGiven(string target, string expected)
    {
        var (code, stdout, stderr) = Run("publish", "--issuer", "https://oidc.example.com/c1", "--key", Key(), "--target", target);

        Assert.True(code == 2, $"exit {code}: {stderr}");
        Assert.Equal("", stdout);
        Assert.StartsWith("issuersync: error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("azblob:http://127.0.0.1:10000/devstoreaccount1/oidc")]
    [InlineData("azblob:http://localhost:10000/devstoreaccount1/oidc/cluster1")]
    [InlineData("azblob:http://[::1]:10000/devstoreaccount1/oidc")]
    public void Publish_Exits2SayingAConnectionStringIsNeeded_WhenAnAzuriteUrlHasNone(string target)
    {
        var (code, stdout, stderr) = Run("publish", "--issuer", "https://oidc.example.com/c1", "--key", Key(), "--target", target);

        Assert.True(code == 2, $"exit {code}: {stderr}");
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"issuersync: error: target '{target}' is plain http (Azurite or another emulator) and needs a connection string", line, StringComparison.Ordinal);
        Assert.Contains("Hint: pass --connection-string or set AZURE_STORAGE_CONNECTION_STRING", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_Exits3_WhenTheTargetCannotBeWritten()
    {
        var blocker = _temp.Write("not-a-folder", "a file where the target folder should be\n");

        var (code, stdout, stderr) = Run("publish", "--issuer", "https://oidc.example.com/c1", "--key", Key(), "--target", $"dir:{blocker}/www");

        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Equal("", stdout);
        Assert.StartsWith("issuersync: error: ", stderr, StringComparison.Ordinal);
    }

    private string Key() => _temp.NewRsaPublicKeyFile();

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION", "AZURE_STORAGE_CONNECTION_STRING" })
        {
            start.Environment.Remove(variable);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "issuersync.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
