using System.Text.RegularExpressions;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Core.CloudSetup;

/// <summary>The Kubernetes side every cloud trusts: an issuer and one service account, and the token subject that names it.</summary>
public sealed partial record WorkloadIdentity
{
    private WorkloadIdentity(IssuerUrl issuer, string @namespace, string serviceAccount)
    {
        Issuer = issuer;
        Namespace = @namespace;
        ServiceAccount = serviceAccount;
    }

    public IssuerUrl Issuer { get; }

    public string Namespace { get; }

    public string ServiceAccount { get; }

    /// <summary>The sub of the service account's tokens: system:serviceaccount:NAMESPACE:NAME.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{ServiceAccount}";

    public static WorkloadIdentity Create(string issuer, string @namespace, string serviceAccount)
    {
        var url = IssuerUrl.Parse(issuer);
        if (!Label().IsMatch(@namespace))
        {
            throw new IssuerSyncException(
                $"--namespace '{@namespace}' is not a Kubernetes namespace name: " +
                "use lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit");
        }

        if (serviceAccount.Length > 253 || !Subdomain().IsMatch(serviceAccount))
        {
            throw new IssuerSyncException(
                $"--service-account '{serviceAccount}' is not a Kubernetes service account name: " +
                "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
        }

        return new WorkloadIdentity(url, @namespace, serviceAccount);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Subdomain();
}
