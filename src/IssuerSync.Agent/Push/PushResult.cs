using System.Net;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Push;

/// <summary>A push the publisher acknowledged (2xx): accepted, or pending an operator's approval.</summary>
public sealed record PushResult(HttpStatusCode StatusCode, PushResponse Response, int Attempts)
{
    public bool Pending => StatusCode == HttpStatusCode.Accepted || Response.Status == "pending";
}
