using System.Globalization;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Operators;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.Rotation.Check;
using IssuerSync.Core.Verification;

namespace IssuerSync.Cli.Commands;

/// <summary>What <c>rotate check</c> gathers before Core decides: the JWKS the clouds fetch (as verify fetches it), and the publisher's status.</summary>
internal static class RotateCheckFacts
{
    /// <summary>
    /// The JWKS the discovery document's jwks_uri serves: its kids and max-age, or why it could not be read (the first error verify would report).
    /// </summary>
    public static async Task<(IReadOnlyList<string>? Kids, TimeSpan? MaxAge, string? Problem)> ServedAsync(
        string issuer,
        IssuerFetcher fetcher,
        CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var url = IssuerChecks.Check(issuer, findings);
        if (url is null)
        {
            return (null, null, FirstError(findings));
        }

        var discovery = DiscoveryChecks.Check(url, await fetcher.GetAsync(url.DiscoveryUrl, cancellationToken).ConfigureAwait(false));
        findings.AddRange(discovery.Findings);
        if (discovery.JwksUri is null || findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            return (null, null, FirstError(findings));
        }

        var jwks = JwksChecks.Check(await fetcher.GetAsync(discovery.JwksUri, cancellationToken).ConfigureAwait(false));
        findings.AddRange(jwks.Findings);
        if (findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            return (null, null, FirstError(findings));
        }

        return (jwks.Keys.Select(k => k.Kid).ToList(), jwks.CacheMaxAgeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, null);
    }

    /// <summary>The status answer of one issuer (docs/publisher-api.md) as the decision reads it; unreadable members read as absent.</summary>
    public static PublisherFacts FromStatus(JsonObject status) => new()
    {
        Keys = status.Objects("keys")
            .Select(k => (Kid: k.Text("kid"), Status: k.Text("status"), ChangedAt: Time(k.Text("changedAt"))))
            .Where(k => k.Kid is not null && k.Status is not null && k.ChangedAt is not null)
            .Select(k => new PublisherKeyFacts(k.Kid!, k.Status!, k.ChangedAt!.Value))
            .ToList(),
        LatestSigningKid = status.Text("latestSigningKid"),
        LatestSigningSince = Time(status.Text("latestSigningSince")),
    };

    private static string FirstError(IEnumerable<Finding> findings)
        => findings.FirstOrDefault(f => f.Severity == FindingSeverity.Error) is { } error ? $"{error.Code}: {error.Message}" : "no JWKS found";

    private static DateTimeOffset? Time(string? text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
