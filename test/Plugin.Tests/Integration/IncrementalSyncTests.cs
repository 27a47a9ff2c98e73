using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Storage;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Plugin.Tests.State;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Grpc.Core;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// Incremental syncs end to end: the plugin (real server, real sockets) over the S3 test server, with a real
/// CloudQuery plugin as state backend (<see cref="StateBackendProcess"/>) named in <c>Sync.Request.backend</c>, on
/// TCP and on a unix socket. Each test has its own bucket and state table; assertions are on the decoded Inserts
/// and on the backend's state table read with its own Read RPC.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class IncrementalSyncTests(S3ServerFixture server, StateBackendFixture backends, ITestOutputHelper output)
    : IAsyncLifetime, IClassFixture<StateBackendFixture>
{
    private readonly string _bucket = S3ServerFixture.UniqueBucketName("e2e-incr");
    private readonly string _stateTable = $"cq_state_s3_{Guid.NewGuid():N}";
    private readonly StoreControl _control = new();

    public static TheoryData<string> Networks => new() { "tcp", "unix" };

    private string CursorKey => $"cq-source-s3/v1/s3://{_bucket}/events";

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_FirstRun_ReadsEveryObjectAndStoresTheCursor(string network)
    {
        await PutAsync("events/a.parquet", 0, 40);
        await PutAsync("events/b.parquet", 100, 25);
        await using var plugin = await StartAsync(network);

        using var first = await SyncAsync(plugin, network);

        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 40), (100, 25)), Rows(first));
        var cursor = Assert.Single(await StateRowsAsync(network));
        Assert.Equal(CursorKey, cursor.Key);
        Assert.Equal(1UL, cursor.Value.Version);
        Assert.Contains("\"events/a.parquet\"", cursor.Value.Value, StringComparison.Ordinal);
        Assert.Contains("\"events/b.parquet\"", cursor.Value.Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_SecondRunWithNothingNew_SendsMigrateTableButNoInserts(string network)
    {
        await PutAsync("events/a.parquet", 0, 40);
        await using var plugin = await StartAsync(network);
        using var first = await SyncAsync(plugin, network);

        using var second = await SyncAsync(plugin, network);

        Assert.Equal(40, first.Inserts.Sum(i => i.Length));
        Assert.Equal(["migrate"], second.Order);
        Assert.Equal(["events"], second.Migrations.Select(DecodedSyncResponses.TableOf));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_NewObject_ReadsOnlyItsRows(string network)
    {
        await PutAsync("events/a.parquet", 0, 40);
        await using var plugin = await StartAsync(network);
        using var first = await SyncAsync(plugin, network);

        await PutAsync("events/c.parquet", 300, 17);
        using var second = await SyncAsync(plugin, network);

        Assert.Equal(SampleBatches.AllTypesRowsSorted((300, 17)), Rows(second));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_KeyListedLateWithTheWatermarksLastModified_IsReadByTheNextRun(string network)
    {
        // Three uploads in one second, the third hidden from the first sync's listing as an upload still in flight
        // (or an eventually consistent listing) would be: it shows up later stamped exactly at the watermark.
        var prefix = await PutThreeInOneSecondAsync();
        _control.Hide($"{prefix}c.parquet");
        await using var plugin = await StartAsync(network, pathPrefix: prefix);
        using var first = await SyncAsync(plugin, network);

        _control.Show($"{prefix}c.parquet");
        using var second = await SyncAsync(plugin, network);
        using var third = await SyncAsync(plugin, network);

        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 40), (100, 25)), Rows(first));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((200, 9)), Rows(second));
        Assert.Empty(third.Inserts);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_RewrittenObject_IsReadAgainWithItsNewContent(string network)
    {
        await PutAsync("events/a.parquet", 0, 40);
        await PutAsync("events/b.parquet", 100, 25);
        await using var plugin = await StartAsync(network);
        using var first = await SyncAsync(plugin, network);

        await PutAsync("events/a.parquet", 500, 33);
        using var second = await SyncAsync(plugin, network);

        Assert.Equal(SampleBatches.AllTypesRowsSorted((500, 33)), Rows(second));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_FailingMidway_LeavesTheStoredCursorAndTheRerunReadsWhatItMissed(string network)
    {
        await PutAsync("events/a.parquet", 0, 40);
        await using var plugin = await StartAsync(network);
        using var first = await SyncAsync(plugin, network);
        var before = await StateRowsAsync(network);
        await PutAsync("events/b.parquet", 100, 25);
        await PutAsync("events/c.parquet", 200, 9);

        // With concurrency 1, b is read and sent before c's data read is denied: the sync fails after an Insert.
        _control.DenyDataReadsOf("events/c.parquet", trigger: "events/b.parquet");
        await WaitUntilEveryObjectIsInThePastAsync();
        var (error, kinds) = await FailedSync.RunAsync(plugin.Plugin, Request(network), output);
        var afterFailure = await StateRowsAsync(network);
        _control.DenyDataReadsOf(null, trigger: "events/b.parquet");
        using var rerun = await SyncAsync(plugin, network);

        Assert.Contains("access denied reading 'events/c.parquet'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(Sync.Types.Response.MessageOneofCase.MigrateTable, kinds[0]);
        Assert.Contains(Sync.Types.Response.MessageOneofCase.Insert, kinds);
        Assert.Equal(before, afterFailure);
        Assert.Equal(SampleBatches.AllTypesRowsSorted((100, 25), (200, 9)), Rows(rerun));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_SecondRunBringsANewColumnAndAWiderType_MigrateTableGrowsAndTheChangeIsWarned(string network)
    {
        // schema_policy union_by_name (the default): run 1 sees (id, qty int32); run 2 also an object with
        // (id, qty int64, note), so the table grows a column and widens one that the destination already has.
        await server.PutObjectAsync(_bucket, "events/a.parquet", SimpleParquet.Bytes(3, SimpleParquet.Nullable("id", Int64Type.Default), SimpleParquet.Nullable("qty", Int32Type.Default)));
        await using var plugin = await StartAsync(network);
        using var first = await SyncAsync(plugin, network);
        await server.PutObjectAsync(_bucket, "events/b.parquet", SimpleParquet.Bytes(2,
            SimpleParquet.Nullable("id", Int64Type.Default), SimpleParquet.Nullable("qty", Int64Type.Default), SimpleParquet.Nullable("note", StringType.Default)));

        using var second = await SyncAsync(plugin, network);

        Assert.Equal(["_cq_id", "_cq_parent_id", "id", "qty"], Assert.Single(first.Migrations).FieldsList.Select(f => f.Name));
        var grown = Assert.Single(second.Migrations);
        Assert.Equal(["_cq_id", "_cq_parent_id", "id", "qty", "note"], grown.FieldsList.Select(f => f.Name));
        Assert.Equal(ArrowTypeId.Int64, grown.GetFieldByName("qty").DataType.TypeId);
        Assert.Equal(["0 | 0 | \"v0\"", "1 | 1 | \"v1\""], Rows(second));
        Assert.Contains("Table events: column qty is now int64, but objects already synced had int32 (e.g. events/a.parquet)", plugin.Logs.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The file's columns of every insert (everything after _cq_id and _cq_parent_id), as sorted text rows.</summary>
    private static List<string> Rows(DecodedSyncResponses sync) =>
        [.. sync.Inserts.SelectMany(ArrowValueFormatter.DataRows).Order(StringComparer.Ordinal)];

    private Sync.Types.Request Request(string network) => new()
    {
        Tables = { "*" },
        Backend = new Sync.Types.BackendOptions { TableName = _stateTable, Connection = backends.On(network).Connection },
    };

    private async Task<DecodedSyncResponses> SyncAsync(RunningPlugin plugin, string network)
    {
        await WaitUntilEveryObjectIsInThePastAsync();
        return await DecodedSyncResponses.RunAsync(plugin.Plugin, Request(network));
    }

    private Task WaitUntilEveryObjectIsInThePastAsync() => ListedObjectsClock.WaitUntilEveryObjectIsInThePastAsync(server, _bucket);

    private Task<Dictionary<string, (string Value, ulong Version)>> StateRowsAsync(string network) =>
        StateTableRows.ReadAsync(backends.On(network).Plugin, _stateTable);

    private async Task<RunningPlugin> StartAsync(string network, string? pathPrefix = null)
    {
        var spec = S3Spec.Options(server, _bucket, pathPrefix: pathPrefix);
        spec["concurrency"] = 1;
        return await S3Spec.StartAsync(server, network, _control, spec);
    }

    private async Task PutAsync(string key, long firstRow, int rows)
    {
        using var batch = SampleBatches.AllTypes(firstRow, rows);
        await server.PutObjectAsync(_bucket, key, new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
    }

    /// <summary>
    /// Uploads a, b and c under a fresh <c>events/tryN/</c> prefix until the listing reports all three with the same
    /// LastModified (a few tries: an attempt can straddle a second), and returns that prefix.
    /// </summary>
    private async Task<string> PutThreeInOneSecondAsync()
    {
        await using var store = await S3ObjectStore.CreateAsync(server.StoreOptions(_bucket), CancellationToken.None);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var prefix = $"events/try{attempt}/";
            await PutAsync($"{prefix}a.parquet", 0, 40);
            await PutAsync($"{prefix}b.parquet", 100, 25);
            await PutAsync($"{prefix}c.parquet", 200, 9);
            var stamps = await store.ListAsync(prefix, CancellationToken.None).Select(o => o.LastModified).ToListAsync();
            output.WriteLine($"attempt {attempt}: LastModified {string.Join(", ", stamps.Select(s => s.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))}");
            if (stamps.Count == 3 && stamps.Distinct().Count() == 1)
            {
                return prefix;
            }
        }

        throw new InvalidOperationException($"{server.Kind} never stamped three quick uploads with one LastModified; the case cannot be built on it");
    }
}
