namespace IssuerSync.Cli.Tests.Release;

/// <summary>The rule the release tests apply to every image reference: where a runtime would pull it from.</summary>
public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("issuersync:0.2.0")]
    [InlineData("issuersync")]
    [InlineData("docker.io/library/issuersync:0.2.0")]
    [InlineData("docker.io/issuersync:0.2.0")]
    [InlineData("index.docker.io/library/ubuntu:24.04")]
    [InlineData("registry-1.docker.io/library/ubuntu")]
    [InlineData("DOCKER.IO/library/ubuntu")]
    [InlineData("ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Parse_ResolvesToDockerHubLibrary_WhenNoRegistryOrTheLibraryIsNamed(string reference)
    {
        Assert.True(ImageReference.Parse(reference).ResolvesToDockerHubLibrary, reference);
    }

    [Theory]
    [InlineData("someone/issuersync:0.2.0", "docker.io", "someone/issuersync", "0.2.0", true)]
    [InlineData("ghcr.io/issuersync/issuersync-agent:0.2.0", "ghcr.io", "issuersync/issuersync-agent", "0.2.0", false)]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble", "mcr.microsoft.com", "dotnet/runtime-deps", "10.0-noble", false)]
    [InlineData("localhost:5000/agent", "localhost:5000", "agent", "latest", false)]
    [InlineData("localhost/agent:1", "localhost", "agent", "1", false)]
    public void Parse_SplitsHostRepositoryAndTag(string reference, string host, string repository, string tag, bool implied)
    {
        var image = ImageReference.Parse(reference);

        Assert.Equal((host, repository, tag, implied), (image.Host, image.Repository, image.Tag, image.HostImplied));
        Assert.False(image.ResolvesToDockerHubLibrary);
    }
}
