using IssuerSync.Core.Rotation;
using IssuerSync.Publisher.Configuration;

namespace IssuerSync.Publisher.Status;

/// <summary>Turns an issuer's stored state into its status answer. Pure.</summary>
internal static class IssuerStatusBuilder
{
    public static IssuerStatusView Build(IssuerSettings issuer, IssuerState state, TimeSpan staleAfter, DateTimeOffset now)
    {
        var lastPush = LastPush(state);
        var publication = state.Publication;
        return new IssuerStatusView
        {
            IssuerId = issuer.Id,
            Issuer = issuer.Registration.Issuer,
            Target = Storage.Targets.Azure.AzureBlobLocation.Redact(issuer.Registration.Target),
            Keys = state.Keys.Select(k => new KeyStatusView
            {
                Kid = k.Kid,
                Status = KeyStatusNames.Of(k.Status),
                Fingerprint = k.Fingerprint,
                FirstSeen = k.FirstSeen,
                LastSeen = k.LastSeen,
                ChangedAt = k.ChangedAt,
                RetainUntil = k.RetainUntil,
            }).ToArray(),
            Published = state.PublishedKids,
            Pending = state.Keys.Where(k => k.Status == KeyStatus.Pending).Select(k => new PendingKeyView(k.Kid, k.Fingerprint)).ToArray(),
            LatestSigningKid = state.LatestSigningKid,
            LatestSigningSince = SigningHistory.LatestSigningSince(state),
            LastPushAt = lastPush,
            LastPublish = publication?.PublishedAt is { } at ? new LastPublishView(at, publication.PublishedKids) : null,
            LastError = publication?.FailedAt is { } failedAt
                ? new LastErrorView(failedAt, publication.FailureCode ?? "publish_failed", publication.FailureMessage ?? string.Empty)
                : null,
            Stale = lastPush is null || now - lastPush > staleAfter,
            StaleAfter = staleAfter,
        };
    }

    /// <summary>A status for an issuer whose state could not be read: the others are still answered.</summary>
    public static IssuerStatusView Unreadable(IssuerSettings issuer, string code, string message, TimeSpan staleAfter, DateTimeOffset now) => new()
    {
        IssuerId = issuer.Id,
        Issuer = issuer.Registration.Issuer,
        Target = Storage.Targets.Azure.AzureBlobLocation.Redact(issuer.Registration.Target),
        LastError = new LastErrorView(now, code, message),
        Stale = true,
        StaleAfter = staleAfter,
    };

    private static DateTimeOffset? LastPush(IssuerState state)
        => state.LastAcceptedPushAt ?? state.History.Where(h => h.Action == HistoryAction.Pushed).Select(h => (DateTimeOffset?)h.At).LastOrDefault();
}
