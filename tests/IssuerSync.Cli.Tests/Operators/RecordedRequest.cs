namespace IssuerSync.Cli.Tests.Operators;

/// <summary>One request as <see cref="FakeOperatorApi"/> received it: header names lowercase.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);
