using Microsoft.IdentityModel.JsonWebTokens;

namespace IssuerSync.Core.Trust;

/// <summary>Reads single claims of a token, verified or not (the caller knows which; see <see cref="TokenSignature"/>).</summary>
internal static class TokenClaims
{
    /// <summary>The string claim <paramref name="name"/>, or null when it is absent or not a string.</summary>
    public static string? Text(JsonWebToken token, string name)
        => token.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
