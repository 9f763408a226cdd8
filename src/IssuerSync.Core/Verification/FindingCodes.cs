namespace IssuerSync.Core.Verification;

/// <summary>The stable codes of every finding (documented in docs/verify-and-trust.md). Scripts match on these.</summary>
public static class FindingCodes
{
    public const string IssuerUrlInvalid = "ISSUER_URL_INVALID";
    public const string IssuerNotHttps = "ISSUER_NOT_HTTPS";

    // Per document; the prefix is DISCOVERY_ or JWKS_.
    public const string Unreachable = "UNREACHABLE";
    public const string Redirect = "REDIRECT";
    public const string NotFound = "NOT_FOUND";
    public const string NotAnonymous = "NOT_ANONYMOUS";
    public const string Status = "STATUS";
    public const string ContentType = "CONTENT_TYPE";
    public const string TooLarge = "TOO_LARGE";
    public const string NotJson = "NOT_JSON";

    public const string DiscoveryOk = "DISCOVERY_OK";
    public const string DiscoveryIssuerMissing = "DISCOVERY_ISSUER_MISSING";
    public const string DiscoveryIssuerMismatch = "DISCOVERY_ISSUER_MISMATCH";
    public const string DiscoveryIssuerTrailingSlash = "DISCOVERY_ISSUER_TRAILING_SLASH";
    public const string DiscoveryJwksUriMissing = "DISCOVERY_JWKS_URI_MISSING";
    public const string DiscoveryJwksUriInvalid = "DISCOVERY_JWKS_URI_INVALID";
    public const string DiscoveryFieldMissing = "DISCOVERY_FIELD_MISSING";
    public const string DiscoveryAlgNotAdvertised = "DISCOVERY_ALG_NOT_ADVERTISED";

    public const string JwksOk = "JWKS_OK";
    public const string JwksNotJwks = "JWKS_NOT_JWKS";
    public const string JwksEmpty = "JWKS_EMPTY";
    public const string JwksTooManyKeys = "JWKS_TOO_MANY_KEYS";
    public const string JwksKeyInvalid = "JWKS_KEY_INVALID";
    public const string JwksKeyNoUse = "JWKS_KEY_NO_USE";
    public const string JwksKidDuplicate = "JWKS_KID_DUPLICATE";
    public const string JwksKidNotKubernetes = "JWKS_KID_NOT_KUBERNETES";
    public const string JwksCache = "JWKS_CACHE";
    public const string JwksCacheLong = "JWKS_CACHE_LONG";

    public const string TokenOk = "TOKEN_OK";
    public const string TokenClaims = "TOKEN_CLAIMS";
    public const string TokenMalformed = "TOKEN_MALFORMED";
    public const string TokenAlgNone = "TOKEN_ALG_NONE";
    public const string TokenAlgMismatch = "TOKEN_ALG_MISMATCH";
    public const string TokenIssuerMismatch = "TOKEN_ISSUER_MISMATCH";
    public const string TokenIssuerTrailingSlash = "TOKEN_ISSUER_TRAILING_SLASH";
    public const string TokenKidMissing = "TOKEN_KID_MISSING";
    public const string TokenKidUnknown = "TOKEN_KID_UNKNOWN";
    public const string TokenSignatureInvalid = "TOKEN_SIGNATURE_INVALID";
    public const string TokenExpired = "TOKEN_EXPIRED";
    public const string TokenNotYetValid = "TOKEN_NOT_YET_VALID";
    public const string TokenNoExpiry = "TOKEN_NO_EXPIRY";
    public const string TokenIatMissing = "TOKEN_IAT_MISSING";
    public const string TokenIatInFuture = "TOKEN_IAT_IN_FUTURE";
    public const string TokenLifetimeTooLongEntra = "TOKEN_LIFETIME_TOO_LONG_ENTRA";
    public const string TokenLifetimeTooLongGcp = "TOKEN_LIFETIME_TOO_LONG_GCP";
    public const string TokenTimestampNotInteger = "TOKEN_TIMESTAMP_NOT_INTEGER";
    public const string TokenTimestampOutOfRange = "TOKEN_TIMESTAMP_OUT_OF_RANGE";
    public const string TokenAudienceMismatch = "TOKEN_AUDIENCE_MISMATCH";
    public const string TokenSubjectMissing = "TOKEN_SUBJECT_MISSING";
}
