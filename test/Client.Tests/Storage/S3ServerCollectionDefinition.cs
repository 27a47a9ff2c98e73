using CqSourceS3.Tests.Shared.S3;

namespace CqSourceS3.Client.Tests.Storage;

/// <summary>One S3 test server for every test class in the collection (starting Swift takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class S3ServerCollectionDefinition : ICollectionFixture<S3ServerFixture>
{
    /// <summary>The collection name test classes refer to.</summary>
    public const string Name = "S3 server";
}
