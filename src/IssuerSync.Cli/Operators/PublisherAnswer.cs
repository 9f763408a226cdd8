using System.Text.Json.Nodes;

namespace IssuerSync.Cli.Operators;

/// <summary>A 2xx answer of the publisher: the body as received (what <c>--output json</c> prints) and its JSON object.</summary>
internal sealed record PublisherAnswer(string Body, JsonObject Json);
