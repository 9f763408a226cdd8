using System.Security.Cryptography;
using IssuerSync.Cli.Commands;
using IssuerSync.Storage.Targets;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>Ctrl-C during <c>publish</c>: stderr says which documents were written and what is now served, then "cancelled" with exit code 130.</summary>
public sealed class PublishInterruptionTests : DirectoryPublishTests
{
    public static TheoryData<string?, bool, string, bool> Interruptions => new()
    {
        { null, false, "interrupted before anything was written: the previously published documents (if any) are still served by dir:{root}", false },
        { "openid/v1/jwks", false, "interrupted while writing the JWKS: {jwks} holds either the previous or the new JWKS, and the previous discovery document is still served at {discovery}; run publish again to finish", false },
        { "openid/v1/jwks", true, "interrupted after writing the JWKS: the new JWKS is served at {jwks} next to the previous discovery document at {discovery}; run publish again to finish", true },
        { ".well-known/openid-configuration", false, "interrupted while writing the discovery document: the new JWKS is served at {jwks}, and {discovery} holds either the previous or the new discovery document; run publish again to finish", true },
        { ".well-known/openid-configuration", true, "interrupted after writing both documents: the new JWKS ({jwks}) and discovery document ({discovery}) are served; run publish again to verify them", true },
    };

    [Theory]
    [MemberData(nameof(Interruptions))]
    public async Task Publish_SaysWhatIsNowServed_AndExits130_WhenCtrlCLandsMidPublish(string? at, bool afterWrite, string expected, bool newJwksServed)
    {
        // The old pair is served; the new one changes both documents (an EC key adds ES256 to the discovery document).
        await PublishCommand.RunAsync(Options(Old), TextWriter.Null, TextWriter.Null);
        var jwksBefore = File.ReadAllBytes(JwksFile);
        using var ec = TestKeys.Ec();
        using var ctrlC = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await PublishCommand.RunAsync(
            Options(Old, New, ec),
            (o, requests) => new CancellingTarget((IFileTarget)TargetLoading.Create(o.Target, new TargetSettings { Requests = requests }), ctrlC, at, afterWrite),
            stdout,
            stderr,
            ctrlC.Token);

        Assert.Equal(130, code);
        Assert.Equal("", stdout.ToString());
        var message = expected.Replace("{root}", Root).Replace("{jwks}", JwksFile).Replace("{discovery}", DiscoveryFile);
        Assert.Equal($"issuersync: {message}{Environment.NewLine}issuersync: cancelled{Environment.NewLine}", stderr.ToString());
        Assert.Equal(newJwksServed, !jwksBefore.AsSpan().SequenceEqual(File.ReadAllBytes(JwksFile)));
    }

    private PublishCommand.Options Options(params AsymmetricAlgorithm[] keys) => new()
    {
        Issuer = "https://oidc.example.com/c1",
        Keys = keys.Select(k => KeyFile(k)).ToArray(),
        Target = $"dir:{Root}",
    };
}
