using CqSourceS3.Tests.Shared.S3;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>One S3 test server for every end-to-end test class (starting Swift takes seconds); each test uses its own bucket.</summary>
[CollectionDefinition(Name)]
public sealed class S3ServerCollectionDefinition : ICollectionFixture<S3ServerFixture>
{
    /// <summary>The collection name test classes refer to.</summary>
    public const string Name = "S3 server (plugin end-to-end)";
}
