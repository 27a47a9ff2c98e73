using System.Text.Json.Nodes;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Plugin.Tests.Integration;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Grpc.Core;
using Xunit.Abstractions;
using Row = (string Table, long Id, string CqId, string Key);

namespace CqSourceS3.Plugin.Tests.Sharding;

/// <summary>
/// <c>cloudquery sync --shard N/M</c> through the gRPC Sync, over the local folder and the S3 test server: every shard
/// of M is synced by one plugin after an unsharded sync, and the rows decoded from the shards' Inserts, identified by
/// table, id and deterministic <c>_cq_id</c>, must be exactly the unsharded sync's, none in two shards.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class ShardedSyncTests : IClassFixture<ShardedFolder>, IDisposable
{
    private readonly ShardedFolder _folder;
    private readonly TestCacheFolder _cache = new();
    private readonly FolderOrBucket _store;

    public ShardedSyncTests(S3ServerFixture server, ShardedFolder folder, ITestOutputHelper output)
    {
        _folder = folder;
        _store = new FolderOrBucket(server, _cache.Path, output);
    }

    public static TheoryData<string, string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, int>();
            foreach (var store in FolderOrBucket.Stores)
            {
                foreach (var shardBy in new[] { "object", "table" })
                {
                    foreach (var total in new[] { 1, 2, 3, 7 })
                    {
                        cases.Add(store, shardBy, total);
                    }
                }
            }

            return cases;
        }
    }

    public void Dispose() => _cache.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Sync_EveryShardOfTotal_TogetherSendTheUnshardedRowsEachExactlyOnce(string store, string shardBy, int total)
    {
        var (spec, _) = await _store.PrepareAsync(store, Options(shardBy), _folder.Path, _folder.Keys);
        await using var plugin = await _store.StartAsync(store, spec);
        using var whole = await SyncAsync(plugin, shard: null);
        var expected = Rows(whole);
        Assert.Equal(_folder.Keys.Count, expected.Select(r => r.Key).Distinct().Count());

        var seen = new List<Row>();
        for (var num = 1; num <= total; num++)
        {
            using var part = await SyncAsync(plugin, new Sync.Types.Request.Types.Shard { Num = num, Total = total });
            Assert.Empty(part.Errors);
            // Every shard migrates every selected table, with the unsharded sync's schema.
            Assert.Equal(whole.Migrations.Select(ArrowSchemaText.Describe), part.Migrations.Select(ArrowSchemaText.Describe));
            var rows = Rows(part);
            Assert.All(rows, row => Assert.True(Owns(shardBy, num, total, row), $"shard {num}/{total} ({shardBy}) read {row.Key}"));
            seen.AddRange(rows);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(5, 4)]
    [InlineData(1, 0)]
    [InlineData(-1, 2)]
    public async Task Sync_ImpossibleShard_IsRefusedWithInvalidArgumentBeforeAnyMessage(int num, int total)
    {
        var (spec, _) = await _store.PrepareAsync("local", [], _folder.Path, _folder.Keys);
        await using var plugin = await _store.StartAsync("local", spec);
        var request = new Sync.Types.Request { Tables = { "*" }, Shard = new Sync.Types.Request.Types.Shard { Num = num, Total = total } };
        var received = 0;

        using var call = plugin.Plugin.Sync(request);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var unused in call.ResponseStream.ReadAllAsync())
            {
                received++;
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"failed to sync records: invalid shard {num}/{total}: ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task Sync_Shard_LogsItsShareOnceAtTheStart()
    {
        var (spec, _) = await _store.PrepareAsync("local", Options("object"), _folder.Path, _folder.Keys);
        await using var plugin = await _store.StartAsync("local", spec);
        var mine = _folder.Keys.Where(k => ObjectShardHash.ShardOf(k, 3) == 2).ToList();
        var bytes = mine.Sum(k => new FileInfo(Path.Combine(_folder.Path, k)).Length);

        using var part = await SyncAsync(plugin, new Sync.Types.Request.Types.Shard { Num = 2, Total = 3 });

        var line = Assert.Single(plugin.Logs.ToString().Split('\n'), l => l.Contains("Sharded sync", StringComparison.Ordinal));
        Assert.Contains($"shard 2/3 (shard_by: object): 4 of 4 tables, {mine.Count} of {_folder.Keys.Count} objects, {bytes} of ", line, StringComparison.Ordinal);
        Assert.Equal(mine.Count, Rows(part).Select(r => r.Key).Distinct().Count());
    }

    /// <summary>Under <c>shard_by: object</c> the key's hash decides; under <c>table</c> the table's chunk of the sorted names.</summary>
    private static bool Owns(string shardBy, int num, int total, Row row)
    {
        if (shardBy == "object")
        {
            return ObjectShardHash.ShardOf(row.Key, total) == num;
        }

        var chunk = (ShardedFolder.Tables.Count + total - 1) / total;
        var index = ShardedFolder.Tables.ToList().IndexOf(row.Table);
        return index / chunk == num - 1;
    }

    /// <summary>The spec options of a test: <c>shard_by</c>, and the lineage key column that says which object a row came from.</summary>
    private static JsonObject Options(string shardBy) => new() { ["shard_by"] = shardBy, ["lineage_columns"] = new JsonArray("key") };

    private static Task<DecodedSyncResponses> SyncAsync(RunningPlugin plugin, Sync.Types.Request.Types.Shard? shard) =>
        DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, DeterministicCqId = true, WithErrorMessages = true, Shard = shard });

    private static List<Row> Rows(DecodedSyncResponses sync) =>
        [.. ShardedFolder.Tables.SelectMany(table => DecodedRows.Of(sync, table)
            .Select(r => (table, (long)r["id"]!, (string)r["_cq_id"]!, (string)r["_source_key"]!)))];
}
