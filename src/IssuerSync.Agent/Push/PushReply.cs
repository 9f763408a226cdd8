using System.Net;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Push;

/// <summary>
/// The publisher's answer to a push as the agent received it: an acknowledgement (2xx), accepted or pending an
/// operator's approval, and how many attempts it took. (The publisher's own record of handling a push is
/// IssuerSync.Publisher.State.PushResult.)
/// </summary>
public sealed record PushReply(HttpStatusCode StatusCode, PushResponse Response, int Attempts)
{
    public bool Pending => StatusCode == HttpStatusCode.Accepted || Response.Status == PushStatus.Pending;
}
