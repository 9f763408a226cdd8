using IssuerSync.Core.Push;
using IssuerSync.Publisher.Web.Keys;

namespace IssuerSync.Publisher.Web;

/// <summary>How a host exposes the publisher's routes (docs/publisher-api.md).</summary>
public sealed class PublisherEndpointOptions
{
    /// <summary>
    /// Take the caller's address from the first hop of <c>X-Forwarded-For</c>. True behind the Azure
    /// Functions host, which proxies every request over loopback; false for <c>serve</c>, where any client
    /// could write the header.
    /// </summary>
    public bool TrustForwardedFor { get; init; }

    /// <summary>Largest request body read; a larger one is answered 413 <c>body_too_large</c> unread.</summary>
    public int MaxBodyBytes { get; init; } = PushProtocol.MaxBodyBytes;

    /// <summary>Map the custom-handler invocation endpoints <c>POST /Reconcile</c> and <c>POST /ReconcileIssuer</c>.</summary>
    public bool MapInvocations { get; init; }

    /// <summary>The key <c>PushKeys</c> demands in <c>x-functions-key</c>; null: none (the Functions host checks its own keys).</summary>
    public FunctionKeyCheck? PushKey { get; init; }

    /// <summary>The key the operator routes demand in <c>x-functions-key</c>; null: none (the Functions host checks its own keys).</summary>
    public FunctionKeyCheck? OperatorKey { get; init; }
}
