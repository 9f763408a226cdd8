namespace IssuerSync.Core.Trust;

/// <summary>Settings of push verification common to all issuers (per-issuer ones are in the registration).</summary>
public sealed class PushVerificationOptions
{
    /// <summary>Tolerance on exp, nbf, iat and observedAt for clocks that disagree a little.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest body read; larger ones are refused before parsing.</summary>
    public int MaxBodyBytes { get; set; } = Push.PushProtocol.MaxBodyBytes;

    /// <summary>The token algorithms accepted: those Kubernetes signs with. Never "none", never HMAC.</summary>
    public static IReadOnlyList<string> AllowedAlgorithms { get; } = ["RS256", "ES256", "ES384", "ES512"];
}
