using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Agent.Push;

/// <summary>
/// The check behind <c>--ca-cert</c>, shared by the agent's push client and the CLI's operator client: does a server
/// certificate chain to one of the given roots (with the intermediates the server sent; revocation not checked)?
/// The host name is the caller's check, made before.
/// </summary>
public static class ExtraRootChain
{
    /// <summary>
    /// True when <paramref name="certificate"/> chains to one of <paramref name="roots"/>; else false, with the chain's statuses
    /// in <paramref name="failure"/>.
    /// </summary>
    public static bool Chains(X509Certificate2 certificate, X509Chain? sent, X509Certificate2Collection roots, out string failure)
    {
        ArgumentNullException.ThrowIfNull(roots);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (sent is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
        }

        var chains = custom.Build(certificate);
        failure = chains ? string.Empty : Statuses(custom);
        return chains;
    }

    /// <summary>The distinct statuses of <paramref name="chain"/>, comma-separated ("unknown chain error" when it holds none).</summary>
    public static string Statuses(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
        return statuses.Count == 0 ? "unknown chain error" : string.Join(", ", statuses);
    }
}
