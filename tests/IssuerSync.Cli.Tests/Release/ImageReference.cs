namespace IssuerSync.Cli.Tests.Release;

/// <summary>
/// An image reference split the way container runtimes resolve it: a first path component that holds
/// a '.' or a ':' or is "localhost" is the registry host; otherwise the host is docker.io, and a name
/// of one component lives under docker.io/library.
/// </summary>
internal sealed record ImageReference(string Host, string Repository, string Tag)
{
    private static readonly string[] DockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io"];

    /// <summary>True when the reference named no registry host and the runtime filled in docker.io.</summary>
    public bool HostImplied { get; private init; }

    /// <summary>host/repository, without the tag: what a registry push names.</summary>
    public string Name => $"{Host}/{Repository}";

    public bool ResolvesToDockerHubLibrary => DockerHubHosts.Contains(Host, StringComparer.OrdinalIgnoreCase)
        && Repository.StartsWith("library/", StringComparison.Ordinal);

    public static ImageReference Parse(string reference)
    {
        var digest = reference.IndexOf('@', StringComparison.Ordinal);
        var withoutDigest = digest < 0 ? reference : reference[..digest];
        var slash = withoutDigest.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : withoutDigest[..slash];
        var hasHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        var host = hasHost ? first : "docker.io";
        var path = hasHost ? withoutDigest[(slash + 1)..] : withoutDigest;
        var colon = path.LastIndexOf(':');
        var (repository, tag) = colon < 0 ? (path, "latest") : (path[..colon], path[(colon + 1)..]);
        if (DockerHubHosts.Contains(host, StringComparer.OrdinalIgnoreCase) && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        return new ImageReference(host, repository, tag) { HostImplied = !hasHost };
    }
}
