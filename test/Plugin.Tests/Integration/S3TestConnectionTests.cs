using Amazon.Runtime;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared.S3;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// TestConnection over a real socket against the S3 test server: each answer is classified and names the bucket,
/// and neither the answer nor the server's log carries the secret key.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class S3TestConnectionTests(S3ServerFixture server, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _bucket = S3ServerFixture.UniqueBucketName("e2e-conn");

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TestConnection_ExistingBucket_Succeeds()
    {
        var (result, logs) = await TestConnectionAsync(server.Credentials, _bucket);

        Assert.True(result.Success, result.FailureDescription);
        Assert.Empty(result.FailureCode);
        Assert.DoesNotContain(server.SecretKey, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_MissingBucket_ReportsNotFoundNamingTheBucket()
    {
        var missing = S3ServerFixture.UniqueBucketName("e2e-missing");

        var (result, logs) = await TestConnectionAsync(server.Credentials, missing);

        Assert.False(result.Success);
        Assert.Equal("NOT_FOUND", result.FailureCode);
        Assert.Contains(missing, result.FailureDescription, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint, result.FailureDescription, StringComparison.Ordinal);
        AssertNoSecret(server.SecretKey, result, logs);
    }

    [Fact]
    public async Task TestConnection_NoRightsUser_ReportsAccessDenied()
    {
        if (server.NoRightsCredentials is not { } reader)
        {
            output.WriteLine($"skipped: {server.Kind} has no user without rights (only Swift has one)");
            return;
        }

        var (result, logs) = await TestConnectionAsync(reader, _bucket);

        Assert.False(result.Success);
        Assert.Equal("ACCESS_DENIED", result.FailureCode);
        Assert.Contains(_bucket, result.FailureDescription, StringComparison.Ordinal);
        AssertNoSecret(reader.GetCredentials().SecretKey, result, logs);
    }

    [Fact]
    public async Task TestConnection_UnknownAccessKey_ReportsAccessDeniedWithoutTheSecret()
    {
        if (server.Kind == S3ServerKind.LocalStack)
        {
            output.WriteLine("skipped: LocalStack accepts any access key");
            return;
        }

        // A secret no message could contain by accident, so finding it anywhere means it leaked.
        var secret = $"cq-e2e-secret-{Guid.NewGuid():N}";

        var (result, logs) = await TestConnectionAsync(new BasicAWSCredentials("CQE2EUNKNOWNKEY", secret), _bucket);

        Assert.False(result.Success);
        Assert.Equal("ACCESS_DENIED", result.FailureCode);
        Assert.Contains(_bucket, result.FailureDescription, StringComparison.Ordinal);
        AssertNoSecret(secret, result, logs);
    }

    private async Task<(TestConnection.Types.Response Result, string Logs)> TestConnectionAsync(AWSCredentials credentials, string bucket)
    {
        await using var plugin = await RunningPlugin.StartAsync("tcp", FixtureClientFactory.Replace(credentials, new StoreTraffic()));
        var result = await plugin.Plugin.TestConnectionAsync(new TestConnection.Types.Request { Spec = S3Spec.For(server, bucket) });
        output.WriteLine(result.Success ? "TestConnection: success" : $"TestConnection: {result.FailureCode}: {result.FailureDescription}");
        return (result, plugin.Logs.ToString());
    }

    private static void AssertNoSecret(string secret, TestConnection.Types.Response result, string logs)
    {
        Assert.DoesNotContain(secret, result.FailureDescription, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
    }
}
