namespace IssuerSync.Testing.Agent;

/// <summary>How an <see cref="AgentWorld"/> is started: by default a plain-HTTP publisher that records every push.</summary>
public sealed class AgentWorldOptions
{
    /// <summary>Serve the publisher over HTTPS with this leaf, sending its intermediate (if any) after it.</summary>
    public TestCertificates? PublisherCertificates { get; init; }

    /// <summary>The publisher refuses a token it saw with another body, as the real one does (<see cref="Push.FakePushEndpoint.BindTokens"/>).</summary>
    public bool PublisherBindsTokens { get; init; }
}
