using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Tests.Verify;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Operators;

/// <summary>
/// What the operator-verb tests share: a fresh <see cref="FakeOperatorApi"/> per test with issuer
/// factory-1 (key A active and signing, key B pending), the key file, the CA file, and runners
/// through the real parser (in process) or the built executable.
/// </summary>
public abstract class OperatorTest : IAsyncLifetime
{
    protected OperatorTest()
    {
        KeyFile = Temp.Write("operator.key", FakeOperatorApi.FunctionKey + "\n");
        CaFile = Temp.Write("ca.pem", Publisher.CaPem);
    }

    // Made once for all operator tests: RSA key generation dominates a test's time otherwise.
    private protected static readonly TestCertificates Certificates = new("IssuerSync Operator Test CA");
    private static readonly RSA SharedKeyA = TestKeys.Rsa();
    private static readonly ECDsa SharedKeyB = TestKeys.Ec();

    protected FakeOperatorApi Publisher { get; } = new(Certificates);

    protected TempDirectory Temp { get; } = new();

    protected static RSA KeyA => SharedKeyA;

    protected static ECDsa KeyB => SharedKeyB;

    protected string KeyFile { get; }

    protected string CaFile { get; }

    protected static string KidA => TestKeys.ExpectedKid(KeyA);

    protected static string KidB => TestKeys.ExpectedKid(KeyB);

    protected static string FingerprintOf(AsymmetricAlgorithm key) => Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).ToLowerInvariant();

    /// <summary>The operator's $USER@hostname, as the verbs default it.</summary>
    protected static string DefaultOperator
        => $"{(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("USER")) ? Environment.UserName : Environment.GetEnvironmentVariable("USER")!.Trim())}@{System.Net.Dns.GetHostName()}";

    public Task InitializeAsync()
    {
        Publisher.Register("factory-1", (KeyA, KeyStatus.Active), (KeyB, KeyStatus.Pending));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Publisher.DisposeAsync();
        Temp.Dispose();
    }

    /// <summary><c>issuersync VERB --publisher https://127.0.0.1:PORT --ca-cert CA --function-key-file KEY ARGS</c>.</summary>
    private protected Task<CliRun> Verb(string verb, params string[] args)
        => CliRun.InvokeAsync([verb, "--publisher", Publisher.Https, "--ca-cert", CaFile, "--function-key-file", KeyFile, .. args]);

    protected RecordedRequest OnlyRequest() => Assert.Single(Publisher.Requests);

    protected static void AssertJson(string expected, string actual)
        => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    /// <summary>Every captured line, to check a secret appears nowhere.</summary>
    private protected static void AssertKeyNotPrinted(CliRun run)
    {
        Assert.DoesNotContain(FakeOperatorApi.FunctionKey, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeOperatorApi.FunctionKey, run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs a shell command line with <c>issuersync</c> bound to the built executable; environment additions optional.</summary>
    protected static (int Code, string Stdout, string Stderr) Shell(string commandLine, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"issuersync() {{ dotnet '{Path.Combine(AppContext.BaseDirectory, "issuersync.dll")}' \"$@\"; }}\n{commandLine}");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
