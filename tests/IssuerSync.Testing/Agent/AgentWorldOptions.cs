using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Testing.Agent;

/// <summary>How an <see cref="AgentWorld"/> is started: by default a plain-HTTP publisher that records every push.</summary>
public sealed class AgentWorldOptions
{
    /// <summary>Serve the publisher over HTTPS with this leaf (and <see cref="PublisherChain"/>) instead of plain HTTP.</summary>
    public X509Certificate2? PublisherCertificate { get; init; }

    public X509Certificate2Collection? PublisherChain { get; init; }

    /// <summary>The publisher refuses a token it saw with another body, as the real one does (<see cref="Push.FakePushEndpoint.BindTokens"/>).</summary>
    public bool PublisherBindsTokens { get; init; }
}
