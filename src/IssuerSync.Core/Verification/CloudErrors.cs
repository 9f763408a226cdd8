namespace IssuerSync.Core.Verification;

/// <summary>What each cloud answers when it meets a given problem: the text an operator searches for.</summary>
public static class CloudErrors
{
    public const string DocumentUnreachable =
        "Entra ID: AADSTS90061 (request to external OIDC endpoint failed); " +
        "AWS STS: InvalidIdentityToken (Couldn't retrieve verification key from your identity provider); GCP STS: invalid_grant";

    public const string IssuerMismatch =
        "Entra ID: AADSTS700211 (no matching federated identity record found for presented assertion issuer); AWS STS: InvalidIdentityToken; " +
        "GCP STS: invalid_grant (issuer does not match)";

    public const string KeyNotFound =
        "Entra ID: AADSTS7000272 (the certificate with identifier … used to sign the federated credential " +
        "could not be found in the metadata of identity provider); " +
        "AWS STS: InvalidIdentityToken (Couldn't retrieve verification key from your identity provider); GCP STS: invalid_grant";

    public const string BadSignature =
        "Entra ID: AADSTS700027 (client assertion failed signature validation); AWS STS: InvalidIdentityToken; GCP STS: invalid_grant (invalid signature)";

    public const string Expired =
        "Entra ID: AADSTS700024 (client assertion is not within its valid time range); AWS STS: ExpiredTokenException; GCP STS: invalid_grant (token expired)";

    public const string AudienceMismatch =
        "Entra ID: AADSTS700212 (no matching federated identity record found for presented assertion audience); " +
        "AWS STS: InvalidIdentityToken (Incorrect token audience); GCP STS: invalid_grant (audience does not match)";

    public const string SubjectMismatch =
        "Entra ID: AADSTS700213 / AADSTS70021 (no matching federated identity record found for presented assertion subject); " +
        "AWS STS: AccessDenied (Not authorized to perform sts:AssumeRoleWithWebIdentity)";

    public const string EntraLifetime =
        "Entra ID: AADSTS70023 (External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00)";

    public const string IatMissing =
        "Entra ID: AADSTS70023 (the lifetime is exp - iat: no iat, no lifetime); GCP STS: invalid_grant (iat is a mandatory payload field)";

    public const string GcpIatInFuture = "GCP STS: invalid_grant (iat must be in the past)";

    public const string GcpLifetime = "GCP STS: invalid_grant (exp must be less than 48 hours after iat)";

    public const string AwsTimestampFormat = "AWS STS: InvalidIdentityToken (timestamps in the token must be formatted as an integer or a long integer)";
}
