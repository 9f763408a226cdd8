namespace IssuerSync.Cli.Tests.Verify;

/// <summary>The verify and trust tests share one loopback HTTPS server.</summary>
[CollectionDefinition(Name)]
public sealed class IssuerServerCollection : ICollectionFixture<IssuerServerFixture>
{
    public const string Name = "issuer server";
}
