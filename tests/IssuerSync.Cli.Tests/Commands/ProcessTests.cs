using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>The built issuersync executable, run as an operator runs it.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Publish_FromAK3sStyleServiceKey_WritesServableDocuments()
    {
        // k3s keeps only service.key (an RSA private key, often with several blocks after rotations).
        using var a = TestKeys.Rsa();
        using var b = TestKeys.Rsa();
        var serviceKey = _temp.Write("service.key", a.ExportRSAPrivateKeyPem() + "\n" + b.ExportRSAPrivateKeyPem() + "\n");

        var (code, stdout, stderr) = await CliProcess.RunAsync("publish", "--issuer", "https://acct.blob.core.windows.net/oidc", "--key", serviceKey, "--target", $"dir:{_temp.File("www")}");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("jwks", stdout, StringComparison.Ordinal);
        var jwks = File.ReadAllText(_temp.File("www/openid/v1/jwks"));
        Assert.Contains(TestKeys.ExpectedKid(a), jwks, StringComparison.Ordinal);
        Assert.Contains(TestKeys.ExpectedKid(b), jwks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadKeyFile_GivesOneLineAndNoStackTrace()
    {
        var garbage = _temp.Write("sa.pub", "-----BEGIN PUBLIC KEY-----\nAAAA\n");

        var (code, stdout, stderr) = await CliProcess.RunAsync("jwks", "--key", garbage);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"issuersync: error: {garbage}: block 1 (PUBLIC KEY): truncated: no '-----END PUBLIC KEY-----' line (the file was cut short or two files were joined without their END line)\n", stderr);
    }
}
