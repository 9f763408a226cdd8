using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IssuerSync.Core.Trust;

/// <summary>
/// A push whose body and token are well formed and whose issuer is registered, but whose token is
/// NOT yet verified: <see cref="UnverifiedToken"/> must not be believed until <see cref="PushVerifier"/>
/// has checked it against the issuer's state.
/// </summary>
public sealed record PushCandidate
{
    public required IssuerRegistration Registration { get; init; }

    public required PushRequest Request { get; init; }

    /// <summary>The pushed keys, each validated (public, supported, Kubernetes kid).</summary>
    public required IReadOnlyList<ServiceAccountKey> Keys { get; init; }

    public required JsonWebToken UnverifiedToken { get; init; }

    /// <summary>
    /// SHA-256 of the token's signing input (<c>header.payload</c>, canonical base64url), hex: what the
    /// replay binding stores (never the token). Not of the whole token: one signed token has more
    /// than one valid signature (ECDSA (r, s) and (r, n − s)), and each must find the same binding.
    /// </summary>
    public required string TokenHash { get; init; }

    /// <summary>SHA-256 of the body bytes, hex.</summary>
    public required string BodyHash { get; init; }

    public string? SourceAddress { get; init; }

    /// <summary>Never prints the token: a candidate may end up in a log.</summary>
    public override string ToString()
        => $"push for issuer {Registration.Id} from {SourceAddress ?? "(unknown)"} (token sha256 {TokenHash}, body sha256 {BodyHash})";
}
