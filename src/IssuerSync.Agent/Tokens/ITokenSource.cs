namespace IssuerSync.Agent.Tokens;

/// <summary>Where the agent's proof of identity comes from: a token the cluster minted for its own service account.</summary>
public interface ITokenSource
{
    /// <summary>A fresh token (the value is a credential: never log it).</summary>
    Task<string> GetTokenAsync(CancellationToken cancellationToken = default);
}
