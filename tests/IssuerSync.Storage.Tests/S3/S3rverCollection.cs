using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>The run's one s3rver: every test class that uses it is in this collection, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
