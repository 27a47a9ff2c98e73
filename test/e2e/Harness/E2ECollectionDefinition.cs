namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>
/// Every end-to-end test class that launches the plugin belongs to this collection: the JS client is installed once
/// before any of them, and the classes run one after another so plugin processes do not compete for the cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollectionDefinition : ICollectionFixture<NodeClientFixture>
{
    /// <summary>The collection name test classes refer to.</summary>
    public const string Name = "plugin binary end to end";
}
