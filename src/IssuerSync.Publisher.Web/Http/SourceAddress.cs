using System.Net;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Publisher.Web.Http;

/// <summary>The caller's address, recorded with each push (never a trust decision).</summary>
internal static class SourceAddress
{
    public static string? Of(HttpContext context, bool trustForwardedFor)
    {
        if (trustForwardedFor && FirstForwardedHop(context.Request.Headers["X-Forwarded-For"].ToString()) is { } forwarded)
        {
            return forwarded;
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }

    /// <summary>
    /// The client end of <c>X-Forwarded-For: client, proxy1, …</c>. Azure's front ends append the
    /// port (<c>203.0.113.7:51234</c>, <c>[2001:db8::1]:443</c>); it is dropped. Anything that is not
    /// an address is ignored, so a forged header cannot put arbitrary text into the state.
    /// </summary>
    internal static string? FirstForwardedHop(string header)
    {
        var first = header.Split(',', 2)[0].Trim();
        if (first.Length == 0)
        {
            return null;
        }

        if (IPAddress.TryParse(first, out var address) || (IPEndPoint.TryParse(first, out var endpoint) && (address = endpoint.Address) is not null))
        {
            return address.ToString();
        }

        return null;
    }
}
