using Apache.Arrow.Types;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Sync;
using CqSourceS3.Client.Tests.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Client.Tests.Sharding;

/// <summary>
/// What a shard does with what it does not own: under <c>shard_by: table</c> whole tables in chunks of the sorted
/// names, a shard without tables sending only migrations; a table's problem reported by the shard whose object (or
/// table) it is; each shard's cursors under its own state keys, moving independently.
/// </summary>
public sealed class ShardedSyncEngineTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly InMemoryStateStore _state = new();
    private readonly FakeTimeProvider _clock = new(T.AddHours(1));

    [Fact]
    public async Task RunAsync_ShardByTableTwoShardsOfFiveTables_FirstReadsThreeSecondTwoAndBothMigrateAll()
    {
        foreach (var (table, i) in new[] { "e", "c", "a", "d", "b" }.Select((t, i) => (t, i)))
        {
            Put($"{table}/1.parquet", i * 100, 5);
        }

        var first = await SyncAsync(ShardModes.ByTable, 1, 2);
        var second = await SyncAsync(ShardModes.ByTable, 2, 2);

        Assert.Equal(["a", "b", "c", "d", "e"], first.Migrations.Select(m => m.Table));
        Assert.Equal(["a", "b", "c", "d", "e"], second.Migrations.Select(m => m.Table));
        Assert.Equal(["a", "b", "c"], first.Inserts.Select(i => i.Table).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["d", "e"], second.Inserts.Select(i => i.Table).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ShardByTableShardBeyondTheTables_SendsOnlyMigrationsAndStoresNoCursor()
    {
        Put("a/1.parquet", 0, 5);
        Put("b/1.parquet", 100, 5);

        var sync = await SyncAsync(ShardModes.ByTable, 3, 7);

        Assert.Equal(["a", "b"], sync.Migrations.Select(m => m.Table));
        Assert.Empty(sync.Inserts);
        Assert.Empty(sync.Errors);
        Assert.Empty(_state.Committed);
    }

    [Fact]
    public async Task RunAsync_FailPolicyUnreadableFooter_OnlyTheShardOwningTheObjectStopsTheTable()
    {
        const string bad = "alpha/bad.parquet";
        var owner = ObjectShardHash.ShardOf(bad, 2);
        var other = 3 - owner;
        var keys = Enumerable.Range(0, 12).Select(i => $"alpha/{i:00}.parquet").ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            Put(key, i * 100, 4);
        }

        _store.Put(bad, "not parquet at all"u8.ToArray(), T);
        var otherKeys = keys.Where(k => ObjectShardHash.ShardOf(k, 2) == other).ToList();
        Assert.NotEmpty(otherKeys);

        var stopped = await SyncAsync(ShardModes.ByObject, owner, 2, ErrorPolicies.Fail);
        var reading = await SyncAsync(ShardModes.ByObject, other, 2, ErrorPolicies.Fail);

        Assert.Contains(bad, Assert.Single(stopped.Errors).Error, StringComparison.Ordinal);
        Assert.Empty(stopped.Inserts);
        Assert.Empty(reading.Errors);
        Assert.Equal(otherKeys.Sum(k => 4), reading.RowsOf("alpha").Count());
        Assert.Equal([StateKeys.ForTable(_store.Location, "alpha", SyncShard.Create(other, 2))], _state.Committed.Keys);
    }

    [Fact]
    public async Task RunAsync_ShardByTableStrictPolicyMismatch_OnlyTheOwnerReportsTheTable()
    {
        Put("a/1.parquet", 0, 5);
        _store.Put("b/1.parquet", Bytes(3, Nullable("x", Int64Type.Default)), T);
        _store.Put("b/2.parquet", Bytes(3, Nullable("y", StringType.Default)), T);
        Put("c/1.parquet", 100, 5);

        var owner = await SyncAsync(ShardModes.ByTable, 1, 2, schemaPolicy: SchemaPolicies.Strict);
        var other = await SyncAsync(ShardModes.ByTable, 2, 2, schemaPolicy: SchemaPolicies.Strict);

        Assert.Equal("b", Assert.Single(owner.Errors).Table);
        Assert.Empty(other.Errors);
        Assert.Equal(["a", "c"], other.Migrations.Select(m => m.Table));
        Assert.Equal(["c"], other.Inserts.Select(i => i.Table).Distinct());
    }

    [Fact]
    public async Task RunAsync_TwoShardsAndLateObjects_EachShardReadsOnlyItsOwnNewObjectsOnce()
    {
        foreach (var i in Enumerable.Range(0, 10))
        {
            Put($"t/early-{i:00}.parquet", i * 100, 3);
        }

        var firstRuns = new[] { await SyncAsync(ShardModes.ByObject, 1, 2), await SyncAsync(ShardModes.ByObject, 2, 2) };
        Assert.Equal(30, firstRuns.Sum(r => r.RowsOf("t").Count()));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var late = Enumerable.Range(0, 10).Select(i => Put($"t/late-{i:00}.parquet", 5000 + (i * 100), 2, _clock.GetUtcNow().AddMinutes(-1))).ToList();
        // Shard 1 runs twice before shard 2 runs at all: shard 2's cursor must not have moved.
        var one = await SyncAsync(ShardModes.ByObject, 1, 2);
        var oneAgain = await SyncAsync(ShardModes.ByObject, 1, 2);
        var two = await SyncAsync(ShardModes.ByObject, 2, 2);

        Assert.Equal(late.Count(o => ObjectShardHash.ShardOf(o.Key, 2) == 1) * 2, one.RowsOf("t").Count());
        Assert.Empty(oneAgain.Inserts);
        Assert.Equal(late.Count(o => ObjectShardHash.ShardOf(o.Key, 2) == 2) * 2, two.RowsOf("t").Count());
        Assert.Equal(
            [StateKeys.ForTable(_store.Location, "t", SyncShard.Create(1, 2)), StateKeys.ForTable(_store.Location, "t", SyncShard.Create(2, 2))],
            _state.Committed.Keys.Order(StringComparer.Ordinal));
        foreach (var obj in late)
        {
            var shard = ObjectShardHash.ShardOf(obj.Key, 2);
            Assert.Contains(obj.Key, _state.Committed[StateKeys.ForTable(_store.Location, "t", SyncShard.Create(shard, 2))], StringComparison.Ordinal);
            Assert.DoesNotContain(obj.Key, _state.Committed[StateKeys.ForTable(_store.Location, "t", SyncShard.Create(3 - shard, 2))], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PlanAsync_Shard_CountsItsShareOfTheSelectedTables()
    {
        var objects = Enumerable.Range(0, 20).Select(i => Put($"t/{i:00}.parquet", i * 100, 1 + (i % 3))).ToList();
        Put("skipped/1.parquet", 9000, 5);
        var mine = objects.Where(o => ObjectShardHash.ShardOf(o.Key, 3) == 2).ToList();
        var client = Client(ShardModes.ByObject);

        var plan = await client.PlanAsync(new SyncRequest(["t"], []) { Shard = SyncShard.Create(2, 3) }, null, CancellationToken.None);

        var share = Assert.IsType<ShardShare>(plan.Share);
        Assert.Equal((1, 1, mine.Count, 20), (share.Tables, share.TotalTables, share.Objects, share.TotalObjects));
        Assert.Equal((mine.Sum(o => o.Size), objects.Sum(o => o.Size)), (share.Bytes, share.TotalBytes));
        Assert.Equal(mine.Select(o => o.Key), Assert.Single(plan.Tables).ToRead.Select(o => o.Key));
    }

    private CqSourceS3.Client.Storage.StoredObject Put(string key, long firstRow, int rows, DateTimeOffset? lastModified = null) =>
        SyncEngineTests.WriteSample(_store, key, firstRow, rows, lastModified: lastModified ?? T);

    private SourceClient Client(string shardBy, string errorPolicy = ErrorPolicies.Skip, string schemaPolicy = SchemaPolicies.UnionByName) =>
        SourceClient.Create(
            SyncEngineTests.Spec() with { ShardBy = shardBy, ErrorPolicy = errorPolicy, SchemaPolicy = schemaPolicy, Concurrency = 1 },
            _store,
            NullLoggerFactory.Instance,
            new SyncSettings { Clock = _clock, Retry = SyncEngineTests.RetryWithoutWaiting });

    private Task<CollectedSyncMessages> SyncAsync(string shardBy, int num, int total, string errorPolicy = ErrorPolicies.Skip, string schemaPolicy = SchemaPolicies.UnionByName) =>
        CollectedSyncMessages.ExecuteAsync(Client(shardBy, errorPolicy, schemaPolicy).StartSync(new SyncRequest(["*"], []) { Shard = SyncShard.Create(num, total) }, _state));
}
