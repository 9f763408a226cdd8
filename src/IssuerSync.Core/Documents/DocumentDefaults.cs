namespace IssuerSync.Core.Documents;

/// <summary>How the published documents are served unless an issuer's registration or the command line says otherwise.</summary>
public static class DocumentDefaults
{
    /// <summary>Five minutes: a cloud sees a rotated JWKS at most this long after it is published.</summary>
    public const string CacheControl = "public, max-age=300";
}
