namespace IssuerSync.Core.Registration;

/// <summary>
/// One issuer the publisher serves: who may push its keys (the agent's service account, with the
/// audience its token carries), where its documents go, and its rotation policy. Validated with
/// <see cref="RegistrationValidator"/> before use.
/// </summary>
public sealed record IssuerRegistration
{
    /// <summary>Short stable id: lowercase letters, digits and '-', 1..63 characters. Names the state document.</summary>
    public required string Id { get; init; }

    /// <summary>The issuer URL byte for byte as the cluster's --service-account-issuer (and the tokens' iss).</summary>
    public required string Issuer { get; init; }

    /// <summary>Where the documents are published (a target spec such as dir:PATH or an Azure container URL).</summary>
    public required string Target { get; init; }

    /// <summary>The agent's service account as its tokens name it: system:serviceaccount:NAMESPACE:NAME.</summary>
    public required string AgentSubject { get; init; }

    /// <summary>The audience the agent's token must carry.</summary>
    public string Audience { get; init; } = Push.PushProtocol.DefaultAudience;

    /// <summary>How long a key gone from the cluster stays published. Must exceed the longest token lifetime of the cluster.</summary>
    public TimeSpan RetentionWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Cache-Control of the published documents; short so rotations propagate.</summary>
    public string CacheControl { get; init; } = Documents.DocumentDefaults.CacheControl;

    /// <summary>The longest push-token lifetime accepted (exp - iat).</summary>
    /// <remarks>IMPORTANT: <c>agent export</c>'s default --token-expiration (AgentExportCommand.DefaultTokenExpiration) must not exceed this default.</remarks>
    public TimeSpan MaxTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The oldest air-gapped bundle accepted (now - observedAt).</summary>
    public TimeSpan MaxBundleAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>High-assurance mode: keys added by a trusted push wait for an operator's approval instead of being published at once.</summary>
    public bool RequireApprovalForNewKeys { get; init; }
}
