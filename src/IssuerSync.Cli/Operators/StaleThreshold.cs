using System.Globalization;
using System.Text.Json.Nodes;

namespace IssuerSync.Cli.Operators;

/// <summary>
/// <c>status --stale-after</c>: judges staleness with the operator's threshold instead of the publisher's, from each
/// issuer's <c>lastPushAt</c>, and writes the verdict back into the answer (<c>stale</c>, <c>staleAfter</c>) so that the
/// table and <c>--output json</c> show the same thing. An issuer that never pushed (or whose state is unreadable) is stale.
/// </summary>
internal static class StaleThreshold
{
    public static PublisherAnswer Apply(PublisherAnswer answer, TimeSpan staleAfter, DateTimeOffset now)
    {
        var json = (JsonObject)answer.Json.DeepClone();
        var issuers = json["issuers"] is JsonArray ? json.Objects("issuers") : [json];
        foreach (var issuer in issuers)
        {
            var lastPush = DateTimeOffset.TryParse(issuer.Text("lastPushAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : (DateTimeOffset?)null;
            issuer["stale"] = lastPush is null || now - lastPush > staleAfter;
            issuer["staleAfter"] = staleAfter.ToString("c", CultureInfo.InvariantCulture);
        }

        return new PublisherAnswer(json.ToJsonString(), json);
    }
}
