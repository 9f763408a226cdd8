namespace IssuerSync.Core.Issuers;

/// <summary>An issuer or JWKS URL that kube-apiserver or a cloud would refuse.</summary>
public sealed class IssuerUrlException(string message) : IssuerSyncException(message);
