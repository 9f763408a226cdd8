using System.Net;

namespace IssuerSync.Agent.Tests.Fakes;

/// <summary>What the fake publisher answers to one request; <paramref name="Location"/> for a redirect.</summary>
public sealed record PublisherReply(HttpStatusCode Status, string? Body, TimeSpan Delay, string? Location = null);
