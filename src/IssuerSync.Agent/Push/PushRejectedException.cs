using System.Net;
using IssuerSync.Core;

namespace IssuerSync.Agent.Push;

/// <summary>The publisher refused the push (4xx): retrying the same push cannot help; its reason says what to fix.</summary>
public sealed class PushRejectedException(HttpStatusCode statusCode, string? reason, string? publisherMessage, int attempts)
    : IssuerSyncException(
        $"the publisher refused the push with {(int)statusCode} {statusCode}" +
        $"{(reason is null ? string.Empty : $" ({reason})")}: {publisherMessage ?? "no reason given"}" +
        (statusCode == HttpStatusCode.Unauthorized
            ? ". Hint: check --audience and that the publisher trusts this issuer's keys (a new issuer's first keys need an operator's approval)"
            : string.Empty))
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The publisher's stable reason code (<c>error</c>), if it sent one.</summary>
    public string? Reason { get; } = reason;

    public string? PublisherMessage { get; } = publisherMessage;

    public int Attempts { get; } = attempts;
}
