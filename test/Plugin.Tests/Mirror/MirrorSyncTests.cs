using System.Text.Json.Nodes;
using Amazon.S3;
using CqSourceS3.Plugin.Tests.Integration;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Plugin.Tests.State;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Grpc.Core;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Mirror;

/// <summary>
/// <c>mirror: true</c> end to end: the plugin over the S3 test server with real overwrites and deletes, a real
/// CloudQuery plugin as state backend, every message decoded (each DeleteRecord's predicate column, operator and the
/// value from its one-row record) and applied to a real SQLite table the way a destination applies it. After every
/// step the table must hold exactly the rows of the objects in the bucket.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class MirrorSyncTests(S3ServerFixture server, StateBackendFixture backends, ITestOutputHelper output)
    : IAsyncLifetime, IClassFixture<StateBackendFixture>, IDisposable
{
    private const string Network = "unix";
    private readonly string _bucket = S3ServerFixture.UniqueBucketName("e2e-mirror");
    private readonly string _stateTable = $"cq_state_s3_{Guid.NewGuid():N}";
    private readonly StoreControl _control = new();
    private readonly SqliteDestination _destination = new();

    /// <summary>What the bucket holds now: key → (first id, rows).</summary>
    private readonly Dictionary<string, (long First, int Rows)> _bucketContent = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _destination.Dispose();

    [Fact]
    public async Task Sync_AddRewriteDeleteReAdd_TheDestinationTableEqualsTheBucketAfterEveryStep()
    {
        await PutAsync("events/a.parquet", 0, 5);
        await PutAsync("events/b.parquet", 100, 4);
        await PutAsync("events/c.parquet", 200, 3);
        await using var plugin = await StartAsync();
        await SyncAndCompareAsync(plugin);

        await PutAsync("events/a.parquet", 500, 7);
        using (var rewrite = await SyncAndCompareAsync(plugin))
        {
            Assert.Equal(new DecodedDelete("events", "_source_key", Predicate.Types.Operator.Eq, "events/a.parquet"), Assert.Single(rewrite.Deletes));
            Assert.Equal(["migrate", "delete:events/a.parquet", "insert"], rewrite.Order);
        }

        await DeleteAsync("events/b.parquet");
        using (var delete = await SyncAndCompareAsync(plugin))
        {
            Assert.Equal(["migrate", "delete:events/b.parquet"], delete.Order);
        }

        await PutAsync("events/b.parquet", 700, 2);
        using (var readd = await SyncAndCompareAsync(plugin))
        {
            Assert.Equal(["migrate", "insert"], readd.Order);
        }

        using var quiet = await SyncAndCompareAsync(plugin);
        Assert.Equal(["migrate"], quiet.Order);
    }

    [Fact]
    public async Task Sync_ListingFails_NoDeleteIsSentAndTheNextRunDeletesOnce()
    {
        await PutAsync("events/a.parquet", 0, 5);
        await PutAsync("events/b.parquet", 100, 4);
        await using var plugin = await StartAsync();
        await SyncAndCompareAsync(plugin);
        await DeleteAsync("events/b.parquet");

        _control.FailNextListing();
        var received = new List<string>();
        using (var call = plugin.Plugin.Sync(Request()))
        {
            await Assert.ThrowsAsync<RpcException>(async () =>
            {
                await foreach (var response in call.ResponseStream.ReadAllAsync())
                {
                    received.Add(response.MessageCase.ToString());
                }
            });
        }

        Assert.Empty(received);
        using var next = await SyncAndCompareAsync(plugin);
        Assert.Equal(["migrate", "delete:events/b.parquet"], next.Order);
    }

    [Fact]
    public async Task Sync_NarrowedPathPrefix_DeletesNothingItNoLongerSees()
    {
        await PutAsync("events/2023/a.parquet", 0, 5);
        await PutAsync("events/2024/b.parquet", 100, 4);
        await using (var wide = await StartAsync(tableRule: true))
        {
            await SyncAndCompareAsync(wide);
        }

        await using var narrow = await StartAsync(pathPrefix: "events/2024/", tableRule: true);
        await WaitAsync();
        using var sync = await DecodedSyncResponses.RunAsync(narrow.Plugin, Request());

        Assert.Empty(sync.Deletes);
    }

    [Fact]
    public async Task Sync_FailedMidwayThenGood_TheGoodRunLeavesTheSameTableAsIfNothingFailed()
    {
        await PutAsync("events/a.parquet", 0, 5);
        await using var plugin = await StartAsync();
        await SyncAndCompareAsync(plugin);
        await PutAsync("events/b.parquet", 100, 4);
        await PutAsync("events/c.parquet", 200, 3);

        // The destination takes b's rows, then the sync dies: c's data reads are denied after b was read.
        _control.DenyDataReadsOf("events/c.parquet", trigger: "events/b.parquet");
        await WaitAsync();
        var (failed, failure) = await DecodedSyncResponses.RunUntilFailureAsync(plugin.Plugin, Request());
        using (failed)
        {
            Assert.NotNull(failure);
            Assert.Contains("insert", failed.Order);
            _destination.Apply(failed);
        }

        _control.DenyDataReadsOf(null, trigger: "");

        using var good = await SyncAndCompareAsync(plugin);
        Assert.Equal(["migrate", "delete:events/b.parquet", "delete:events/c.parquet", "insert", "insert"], good.Order);
    }

    [Fact]
    public async Task Sync_MirrorWithoutBackend_FailsBeforeAnyMessageNamingBackendOptions()
    {
        await PutAsync("events/a.parquet", 0, 5);
        await using var plugin = await StartAsync();

        using var call = plugin.Plugin.Sync(new Sync.Types.Request { Tables = { "*" } });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

        Assert.Contains("mirror: true needs a state backend", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("backend_options", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_VersionedBucketRewrite_ReplacesTheRowsWhereTheServerKeepsVersions()
    {
        try
        {
            await server.EnableVersioningAsync(_bucket);
        }
        catch (AmazonS3Exception e)
        {
            output.WriteLine($"{server.Description} keeps no object versions ({e.ErrorCode}): the rewrite is checked without version ids");
        }

        await PutAsync("events/a.parquet", 0, 5);
        await using var plugin = await StartAsync();
        await SyncAndCompareAsync(plugin);
        await PutAsync("events/a.parquet", 300, 6);

        using var rewrite = await SyncAndCompareAsync(plugin);
        Assert.Equal(["migrate", "delete:events/a.parquet", "insert"], rewrite.Order);
    }

    /// <summary>Waits for the listing to be in the past, syncs, applies the messages and compares the table with the bucket.</summary>
    private async Task<DecodedSyncResponses> SyncAndCompareAsync(RunningPlugin plugin)
    {
        await WaitAsync();
        var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, Request());
        Assert.Empty(sync.Errors);
        Assert.True(sync.Order.FindLastIndex(o => o.StartsWith("delete:", StringComparison.Ordinal)) < Math.Max(0, sync.Order.IndexOf("insert")) || !sync.Order.Contains("insert"), "a delete came after an insert");
        _destination.Apply(sync);
        var expected = _bucketContent.SelectMany(o => Enumerable.Range(0, o.Value.Rows).Select(i => (o.Value.First + i, o.Key)))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Item1).ToList();
        Assert.Equal(expected, _destination.Rows("events"));
        return sync;
    }

    private Task WaitAsync() => ListedObjectsClock.WaitUntilEveryObjectIsInThePastAsync(server, _bucket);

    private Sync.Types.Request Request() => new()
    {
        Tables = { "*" },
        Backend = new Sync.Types.BackendOptions { TableName = _stateTable, Connection = backends.On(Network).Connection },
    };

    private async Task<RunningPlugin> StartAsync(string? pathPrefix = null, bool tableRule = false)
    {
        var spec = S3Spec.Options(server, _bucket, pathPrefix: pathPrefix);
        spec["mirror"] = true;
        spec["concurrency"] = 1;
        if (tableRule)
        {
            spec["table_rules"] = new JsonArray(new JsonObject { ["match"] = "events/**", ["name"] = "events" });
        }

        return await S3Spec.StartAsync(server, Network, _control, spec);
    }

    private async Task PutAsync(string key, long first, int rows)
    {
        using var batch = SampleBatches.AllTypes(first, rows);
        await server.PutObjectAsync(_bucket, key, new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
        _bucketContent[key] = (first, rows);
    }

    private async Task DeleteAsync(string key)
    {
        await server.DeleteObjectAsync(_bucket, key);
        _bucketContent.Remove(key);
    }
}
