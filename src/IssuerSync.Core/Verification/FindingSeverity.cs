namespace IssuerSync.Core.Verification;

/// <summary>How bad a finding is: an error makes a cloud refuse the issuer or the token.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Error,
}
