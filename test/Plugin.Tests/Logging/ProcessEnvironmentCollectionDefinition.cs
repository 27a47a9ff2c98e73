using CqSourceS3.Tests.Shared.S3;

namespace CqSourceS3.Plugin.Tests.Logging;

/// <summary>
/// Tests that set process-wide environment variables (AWS credentials) run alone, after every parallel collection,
/// with their own S3 test server, so no other test sees their variables.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollectionDefinition : ICollectionFixture<S3ServerFixture>
{
    /// <summary>The collection name test classes refer to.</summary>
    public const string Name = "process environment (runs alone)";
}
