using IssuerSync.Core.Keys;
using IssuerSync.Agent.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Agent.Tests.Keys;

public sealed class KeyFileReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Read_ReturnsKeysOfEveryFile_InOrder()
    {
        using var rsa = TestKeys.Rsa();
        using var ec = TestKeys.Ec("P-521");
        var a = _temp.Write("sa.pub", TestKeys.PublicPem(rsa));
        var b = _temp.Write("talos.key", ec.ExportECPrivateKeyPem());

        var keys = await KeyFileReader.ReadAsync([a, b]);

        Assert.Equal([TestKeys.ExpectedKid(rsa), TestKeys.ExpectedKid(ec)], keys.Select(k => k.Kid));
    }

    [Fact]
    public async Task Read_RefusesAMissingFile()
    {
        var error = await Assert.ThrowsAsync<KeyFormatException>(() => KeyFileReader.ReadAsync(_temp.File("nope.pub")));

        Assert.Equal($"{_temp.File("nope.pub")}: no such file", error.Message);
    }

    [Fact]
    public async Task Read_RefusesADirectory()
    {
        var error = await Assert.ThrowsAsync<KeyFormatException>(() => KeyFileReader.ReadAsync(_temp.Path));

        Assert.Equal($"{_temp.Path}: is a directory, not a key file: name the file inside it (e.g. sa.pub or service.key)", error.Message);
    }

    [Fact]
    public async Task Read_RefusesAFileTooLargeToBeAKey()
    {
        var big = _temp.Write("big.pem", new byte[KeyFileReader.MaxKeyFileBytes + 1]);

        var error = await Assert.ThrowsAsync<KeyFormatException>(() => KeyFileReader.ReadAsync(big));

        Assert.Equal($"{big}: is {KeyFileReader.MaxKeyFileBytes + 1} bytes, too large to be a key file (limit {KeyFileReader.MaxKeyFileBytes})", error.Message);
    }

    [Fact]
    public async Task Read_NamesTheFileThatFails_AmongSeveral()
    {
        using var rsa = TestKeys.Rsa();
        var good = _temp.Write("sa.pub", TestKeys.PublicPem(rsa));
        var bad = _temp.Write("old.pub", TestKeys.PublicPem(TestKeys.Rsa(1024)));

        var error = await Assert.ThrowsAsync<KeyFormatException>(() => KeyFileReader.ReadAsync([good, bad]));

        Assert.StartsWith($"{bad}: block 1 (PUBLIC KEY): RSA key is 1024 bits", error.Message, StringComparison.Ordinal);
    }
}
