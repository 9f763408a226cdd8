namespace IssuerSync.Cli.Tests.Operators;

/// <summary>One request as <see cref="FakePublisher"/> received it: header names lowercase.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);
