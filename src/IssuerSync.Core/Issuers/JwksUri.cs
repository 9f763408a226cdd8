namespace IssuerSync.Core.Issuers;

/// <summary>The jwks_uri of the discovery document: an absolute https URL without user info or fragment.</summary>
public sealed class JwksUri
{
    private JwksUri(string value) => Value = value;

    public string Value { get; }

    public static JwksUri Parse(string value)
    {
        UrlRules.Check(value, "JWKS URI", allowQuery: true);
        return new JwksUri(value);
    }

    public override string ToString() => Value;
}
