using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Sync;
using CqSourceS3.Client.Tests.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CqSourceS3.Client.Tests.DataLake;

/// <summary>
/// What held for plain folders holds for hive-partitioned tables: incremental cursors, deterministic <c>_cq_id</c>s,
/// the footer cache and <c>error_policy</c>; every row checked with its partition value and lineage columns.
/// </summary>
public sealed class PartitionedSyncTests
{
    private static readonly DateTimeOffset T = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SyncRequest AllTables = new(["*"], []);

    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly InMemoryStateStore _state = new();

    [Fact]
    public async Task Sync_IncrementalOnPartitionedTable_ReadsOnlyNewObjectsWithTheirPartitionValues()
    {
        Put("sales/region=eu/a.parquet", 0, 30, T);
        Put("sales/region=us/b.parquet", 100, 20, T);
        var first = await RunAsync(Spec(), _state);

        Put("sales/region=ap/c.parquet", 500, 7, T.AddMinutes(10));
        var second = await RunAsync(Spec(), _state);

        Assert.Equal(Expected(("eu", 0, 30), ("us", 100, 20)), first.RowsOf("sales").Order(StringComparer.Ordinal));
        Assert.Equal(Expected(("ap", 500, 7)), second.RowsOf("sales").Order(StringComparer.Ordinal));
        Assert.Contains(StateKeys.ForTable(_store.Location, "sales"), _state.Committed.Keys);
    }

    [Fact]
    public async Task Sync_DeterministicIdsOnPartitionedTable_AreEqualAcrossRunsAndDifferBetweenObjects()
    {
        Put("sales/region=eu/a.parquet", 0, 30, T);
        Put("sales/region=us/a.parquet", 0, 30, T);
        var deterministic = AllTables with { DeterministicCqId = true };

        var first = await RunAsync(Spec(), state: null, deterministic);
        var second = await RunAsync(Spec(), state: null, deterministic);

        var firstIds = first.Inserts.SelectMany(i => i.Ids).ToList();
        Assert.Equal(60, firstIds.Distinct().Count());
        Assert.Equal(firstIds.Order(), second.Inserts.SelectMany(i => i.Ids).Order());
    }

    [Fact]
    public async Task Sync_FooterCacheOnPartitionedTable_SecondRunReadsNoFooterAndSameRows()
    {
        Put("sales/region=eu/a.parquet", 0, 30, T);
        Put("sales/region=us/b.parquet", 100, 20, T);
        var settings = new SyncSettings
        {
            Footers = FooterCache.InMemory(NullLogger.Instance),
            Clock = new FakeTimeProvider(T.AddHours(1)),
            Retry = SyncEngineTests.RetryWithoutWaiting,
        };
        await using var client = SourceClient.Create(Spec(), _store, NullLoggerFactory.Instance, settings);

        var first = await CollectedSyncMessages.ExecuteAsync(client.StartSync(AllTables));
        var readsOfFirst = _store.Reads.Count;
        var second = await CollectedSyncMessages.ExecuteAsync(client.StartSync(AllTables));
        var readsOfSecond = _store.Reads.Count - readsOfFirst;

        Assert.Equal(Expected(("eu", 0, 30), ("us", 100, 20)), second.RowsOf("sales").Order(StringComparer.Ordinal));
        Assert.Equal(first.RowsOf("sales").Order(StringComparer.Ordinal), second.RowsOf("sales").Order(StringComparer.Ordinal));
        Assert.True(readsOfFirst - readsOfSecond >= 2, $"first run {readsOfFirst} reads, second {readsOfSecond}: the second should read no footer");
    }

    [Fact]
    public async Task Sync_ErrorPolicyFailOnPartitionedTable_StopsTheTableNamingTheObjectAndKeepsItsCursor()
    {
        Put("sales/region=eu/a.parquet", 0, 30, T);
        _store.Put("sales/region=us/b.parquet", "not parquet"u8.ToArray(), T);
        Put("other/c.parquet", 200, 5, T);

        var sync = await RunAsync(Spec() with { ErrorPolicy = ErrorPolicies.Fail }, _state);

        var error = Assert.Single(sync.Errors);
        Assert.Equal("sales", error.Table);
        Assert.Contains("sales/region=us/b.parquet", error.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(StateKeys.ForTable(_store.Location, "sales"), _state.Committed.Keys);
        Assert.Contains(StateKeys.ForTable(_store.Location, "other"), _state.Committed.Keys);
    }

    [Fact]
    public async Task Sync_ErrorPolicySkipOnPartitionedTable_SyncsTheOtherPartitions()
    {
        Put("sales/region=eu/a.parquet", 0, 30, T);
        Put("sales/region=us/b.parquet", 100, 20, T);
        _store.Put("sales/region=ap/c.parquet", "not parquet"u8.ToArray(), T);

        var sync = await RunAsync(Spec(), _state);

        Assert.Empty(sync.Errors);
        Assert.Equal(Expected(("eu", 0, 30), ("us", 100, 20)), sync.RowsOf("sales").Order(StringComparer.Ordinal));
    }

    /// <summary>The rows of each (region, first row, count) object: its sample rows, then region, key and row lineage.</summary>
    private static List<string> Expected(params (string Region, long FirstRow, int Rows)[] objects) =>
        [.. objects.SelectMany(o => SampleBatches.AllTypesRows(o.FirstRow, o.Rows).Select((row, i) =>
                $"{row} | \"{o.Region}\" | \"{KeysByObject[(o.Region, o.FirstRow)]}\" | {i}"))
            .Order(StringComparer.Ordinal)];

    private static readonly Dictionary<(string Region, long FirstRow), string> KeysByObject = new()
    {
        [("eu", 0)] = "sales/region=eu/a.parquet",
        [("us", 100)] = "sales/region=us/b.parquet",
        [("ap", 500)] = "sales/region=ap/c.parquet",
    };

    private static SourceSpec Spec() => SyncEngineTests.Spec() with { LineageColumns = ["key", "row"] };

    private void Put(string key, long firstRow, int rows, DateTimeOffset lastModified) =>
        SyncEngineTests.WriteSample(_store, key, firstRow, rows, lastModified: lastModified);

    private async Task<CollectedSyncMessages> RunAsync(SourceSpec spec, IStateStore? state, SyncRequest? request = null)
    {
        var settings = new SyncSettings { Clock = new FakeTimeProvider(T.AddHours(1)), Retry = SyncEngineTests.RetryWithoutWaiting };
        await using var client = SourceClient.Create(spec, _store, NullLoggerFactory.Instance, settings);
        return await CollectedSyncMessages.ExecuteAsync(client.StartSync(request ?? AllTables, state));
    }
}
