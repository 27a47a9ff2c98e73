using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Grpc.Core;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// Incremental syncs end to end when <c>Sync.Request.backend</c> is wrong or absent: an unreachable backend or
/// half-set options fail the Sync with a message naming the setting before any message is sent; no options at all
/// make every run a full sync.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class IncrementalBackendErrorTests(S3ServerFixture server, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _bucket = S3ServerFixture.UniqueBucketName("e2e-incr-err");

    public static TheoryData<string> Networks => new() { "tcp", "unix" };

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
        using var batch = SampleBatches.AllTypes(0, 30);
        await server.PutObjectAsync(_bucket, "events/a.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_BackendUnreachable_FailsNamingTheConnectionBeforeAnyMessage(string network)
    {
        var connection = network == "unix"
            ? $"unix://{Path.GetTempPath()}cq-missing-{Guid.NewGuid():N}.sock"
            : $"127.0.0.1:{LoopbackPort.Free()}";
        await using var plugin = await StartAsync(network);

        var (error, kinds) = await FailedSync.RunAsync(plugin.Plugin, AllTables(new Sync.Types.BackendOptions { Connection = connection, TableName = "cq_state_s3" }), output);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.StartsWith("failed to sync records: ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"state backend \"{connection}\" (state table \"cq_state_s3\")", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("cannot connect", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(kinds);
    }

    [Theory]
    [InlineData("127.0.0.1:7777", "")]
    [InlineData("", "cq_state_s3")]
    public async Task Sync_OnlyOneBackendOptionSet_FailsNamingBothOptionsBeforeAnyMessage(string connection, string tableName)
    {
        await using var plugin = await StartAsync("unix");

        var (error, kinds) = await FailedSync.RunAsync(plugin.Plugin, AllTables(new Sync.Types.BackendOptions { Connection = connection, TableName = tableName }), output);

        Assert.Contains("backend_options must contain both connection and table_name", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"(got connection \"{connection}\", table_name \"{tableName}\")", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(kinds);
    }

    [Fact]
    public async Task Sync_NoBackendOptions_EveryRunReadsEveryObject()
    {
        await using var plugin = await StartAsync("unix");

        using var first = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });
        using var second = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, Backend = new Sync.Types.BackendOptions() });

        Assert.Equal(30, first.Inserts.Sum(i => i.Length));
        Assert.Equal(30, second.Inserts.Sum(i => i.Length));
    }

    private async Task<RunningPlugin> StartAsync(string network)
    {
        var plugin = await RunningPlugin.StartAsync(network, FixtureClientFactory.Replace(server.Credentials, new StoreTraffic()));
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = S3Spec.For(server, _bucket) });
        return plugin;
    }

    private static Sync.Types.Request AllTables(Sync.Types.BackendOptions backend) => new() { Tables = { "*" }, Backend = backend };
}
