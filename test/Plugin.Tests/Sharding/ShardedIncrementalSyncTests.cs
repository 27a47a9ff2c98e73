using CqSourceS3.Client.Sharding;
using CqSourceS3.Plugin.Tests.Integration;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Plugin.Tests.State;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Sharding;

/// <summary>
/// Incremental sharded syncs end to end: two shards of one source over the S3 test server, with a real CloudQuery
/// plugin as state backend. Each shard keeps its cursor under its own key; late objects are read once, by the shard
/// that owns them, however the shards' runs interleave; the unsharded cursor is neither read nor written.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class ShardedIncrementalSyncTests(S3ServerFixture server, StateBackendFixture backends, ITestOutputHelper output)
    : IAsyncLifetime, IClassFixture<StateBackendFixture>
{
    private const string Network = "unix";
    private readonly string _bucket = S3ServerFixture.UniqueBucketName("e2e-shard");
    private readonly string _stateTable = $"cq_state_s3_{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sync_TwoShardsWithLateObjects_EachShardReadsItsOwnObjectsOnceUnderItsOwnCursor()
    {
        var early = await PutAsync("early", 0, 10);
        await using var plugin = await StartAsync();
        using var firstOne = await SyncAsync(plugin, 1);
        using var firstTwo = await SyncAsync(plugin, 2);
        AssertShardsRead(early, firstOne, firstTwo);

        var late = await PutAsync("late", 10, 8);
        // Shard 1 runs twice before shard 2 runs again: shard 2's cursor must not have moved meanwhile.
        using var lateOne = await SyncAsync(plugin, 1);
        using var againOne = await SyncAsync(plugin, 1);
        using var lateTwo = await SyncAsync(plugin, 2);
        using var againTwo = await SyncAsync(plugin, 2);

        AssertShardsRead(late, lateOne, lateTwo);
        Assert.Empty(againOne.Inserts);
        Assert.Empty(againTwo.Inserts);
        var state = await StateTableRows.ReadAsync(backends.On(Network).Plugin, _stateTable);
        var unsharded = $"cq-source-s3/v1/s3://{_bucket}/events";
        Assert.Equal([$"{unsharded}#shard=1/2", $"{unsharded}#shard=2/2"], state.Keys.Order(StringComparer.Ordinal));
        foreach (var key in early.Keys.Concat(late.Keys))
        {
            var shard = ObjectShardHash.ShardOf(key, 2);
            Assert.Contains($"\"{key}\"", state[$"{unsharded}#shard={shard}/2"].Value, StringComparison.Ordinal);
            Assert.DoesNotContain($"\"{key}\"", state[$"{unsharded}#shard={3 - shard}/2"].Value, StringComparison.Ordinal);
        }
    }

    /// <summary>Together the two shards sent exactly the rows of <paramref name="objects"/>, each from the shard owning its object.</summary>
    private static void AssertShardsRead(Dictionary<string, long> objects, DecodedSyncResponses one, DecodedSyncResponses two)
    {
        foreach (var (sync, num) in new[] { (one, 1), (two, 2) })
        {
            var expected = objects.Where(o => ObjectShardHash.ShardOf(o.Key, 2) == num).Select(o => (o.Value, RowsPerObject)).ToArray();
            Assert.Equal(SampleBatches.AllTypesRowsSorted(expected), Rows(sync));
        }
    }

    private const int RowsPerObject = 3;

    private static List<string> Rows(DecodedSyncResponses sync) =>
        [.. sync.Inserts.SelectMany(ArrowValueFormatter.DataRows).Order(StringComparer.Ordinal)];

    private async Task<DecodedSyncResponses> SyncAsync(RunningPlugin plugin, int num)
    {
        await ListedObjectsClock.WaitUntilEveryObjectIsInThePastAsync(server, _bucket);
        return await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request
        {
            Tables = { "*" },
            Backend = new Sync.Types.BackendOptions { TableName = _stateTable, Connection = backends.On(Network).Connection },
            Shard = new Sync.Types.Request.Types.Shard { Num = num, Total = 2 },
        });
    }

    private Task<RunningPlugin> StartAsync() => S3Spec.StartAsync(server, Network, new StoreControl(), S3Spec.Options(server, _bucket));

    /// <summary>Uploads <paramref name="count"/> objects <c>events/&lt;name&gt;-NN.parquet</c>; returns key → first row.</summary>
    private async Task<Dictionary<string, long>> PutAsync(string name, int first, int count)
    {
        var objects = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = first; i < first + count; i++)
        {
            var key = $"events/{name}-{i:00}.parquet";
            using var batch = SampleBatches.AllTypes(i * 100, RowsPerObject);
            await server.PutObjectAsync(_bucket, key, new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
            objects[key] = i * 100;
        }

        return objects;
    }
}
