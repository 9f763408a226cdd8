using System.Net;

namespace IssuerSync.Testing.Push;

/// <summary>What the fake publisher answers to one request; <paramref name="Location"/> for a redirect.</summary>
public sealed record PublisherReply(HttpStatusCode Status, string? Body, TimeSpan Delay, string? Location = null);
