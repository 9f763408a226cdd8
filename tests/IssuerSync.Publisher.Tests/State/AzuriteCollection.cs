using IssuerSync.Testing.Emulators;

namespace IssuerSync.Publisher.Tests.State;

/// <summary>The run's one Azurite: every test class that uses it is in this collection, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
