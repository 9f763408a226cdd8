namespace IssuerSync.Agent.Tokens;

/// <summary>The agent's own service account: the only one it may ask tokens for.</summary>
public sealed record ServiceAccountRef(string Namespace, string Name)
{
    public const string DefaultName = "issuersync-agent";

    /// <summary>The token's <c>sub</c> claim for this account.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{Name}";

    public override string ToString() => $"{Namespace}/{Name}";
}
