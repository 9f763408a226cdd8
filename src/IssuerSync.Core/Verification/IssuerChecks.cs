using IssuerSync.Core.Issuers;

namespace IssuerSync.Core.Verification;

/// <summary>Checks the issuer URL given to <c>verify</c> with kube-apiserver's and the clouds' rules.</summary>
public static class IssuerChecks
{
    /// <summary>The parsed issuer, or null with an error finding added.</summary>
    public static IssuerUrl? Check(string issuer, ICollection<Finding> findings)
    {
        if (IssuerUrl.IssuerOfWellKnownUrl(issuer) is { } meant)
        {
            findings.Add(Finding.Error(
                FindingCodes.IssuerUrlInvalid,
                $"'{issuer}' is a discovery document URL, not an issuer: clouds append /.well-known/openid-configuration to the issuer themselves",
                "the cloud fetches {issuer}/.well-known/openid-configuration/.well-known/openid-configuration and fails (AADSTS90061, InvalidIdentityToken)",
                $"give the issuer: '{meant}'"));
            return null;
        }

        try
        {
            return IssuerUrl.Parse(issuer);
        }
        catch (IssuerUrlException e)
        {
            var plainHttp = issuer.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
            findings.Add(Finding.Error(
                plainHttp ? FindingCodes.IssuerNotHttps : FindingCodes.IssuerUrlInvalid,
                e.Message,
                plainHttp ? "Entra ID, AWS IAM and GCP refuse an http issuer when it is registered" : "the cloud refuses the issuer when it is registered",
                plainHttp
                    ? "serve the issuer over https with a publicly trusted certificate and set --service-account-issuer to the https URL"
                    : "use an issuer of the form https://HOST[/PATH], the same bytes as the cluster's --service-account-issuer"));
            return null;
        }
    }
}
