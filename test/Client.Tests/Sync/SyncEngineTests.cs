using System.Collections.Concurrent;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>
/// The sync engine over an in-memory store: message order, batch limits, values, ids, skips and failures.
/// Concurrency and cancellation are in <see cref="SyncEngineConcurrencyTests"/>.
/// </summary>
public sealed class SyncEngineTests
{
    private static readonly SyncRequest AllTables = new(["*"], []);
    private readonly InMemoryObjectStore _store = new("memory://bucket");

    [Fact]
    public async Task RunAsync_SeveralTables_SendsEveryMigrateTableFirstThenTableErrorsThenInserts()
    {
        PutSample("alpha/1.parquet", 0, 130);
        PutSample("alpha/2.parquet", 1000, 70);
        PutSample("beta.parquet", 2000, 250);
        PutSample("mixed/a.parquet", 3000, 10);
        // id is int64 in a.parquet: utf8 here is a conflict no schema_policy resolves.
        _store.Put("mixed/b.parquet", SimpleParquet.Bytes(10, SimpleParquet.Nullable("id", Apache.Arrow.Types.StringType.Default)));

        var sync = await RunAsync(Spec(rowsPerRecord: 64));

        Assert.Equal(["migrate:alpha", "migrate:beta", "error:mixed"], sync.Order.Take(3));
        Assert.All(sync.Order.Skip(3), entry => Assert.StartsWith("insert:", entry, StringComparison.Ordinal));
        Assert.Equal(["alpha", "beta"], sync.Inserts.Select(i => i.Table).Distinct().Order(StringComparer.Ordinal));
        var error = Assert.Single(sync.Errors);
        Assert.Contains("\"mixed/b.parquet\"", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RowsPerRecord_EveryInsertIsWithinTheLimitAndCarriesTheTableSchemaInstance()
    {
        PutSample("alpha/1.parquet", 0, 130);
        PutSample("alpha/2.parquet", 1000, 70);
        PutSample("beta.parquet", 2000, 250);

        var sync = await RunAsync(Spec(rowsPerRecord: 64));

        Assert.NotEmpty(sync.Inserts);
        foreach (var insert in sync.Inserts)
        {
            Assert.InRange(insert.DataRows.Count, 1, 64);
            var migration = sync.Migrations.Single(m => m.Table == insert.Table);
            Assert.Same(migration.Schema, insert.Schema);
            Assert.Equal(insert.Table, insert.Schema.Metadata["cq:table_name"]);
        }
    }

    [Fact]
    public async Task RunAsync_EveryTable_SendsEveryRowWithTheValuesWritten()
    {
        PutSample("alpha/1.parquet", 0, 130);
        PutSample("alpha/2.parquet", 1000, 70);
        PutSample("beta.parquet", 2000, 250);
        var run = Client(Spec(rowsPerRecord: 64)).StartSync(AllTables);

        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None));

        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 130), (1000, 70)), sync.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((2000, 250)), sync.RowsOf("beta").Order(StringComparer.Ordinal));
        Assert.Equal(450, run.Rows);
        Assert.Empty(run.Skipped);
    }

    [Fact]
    public async Task RunAsync_UnreadableObjectBesideGoodOnes_SkipsItAndSyncsTheRest()
    {
        PutSample("alpha/1.parquet", 0, 30);
        _store.Put("alpha/2.parquet", "definitely not parquet, just text"u8.ToArray());
        var run = Client(Spec()).StartSync(AllTables);

        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None));

        var skipped = Assert.Single(run.Skipped);
        Assert.Equal(("alpha/2.parquet", "alpha"), (skipped.Key, skipped.Table));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 30)), sync.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Empty(sync.Errors);
    }

    [Fact]
    public async Task RunAsync_StoreDeniesAccessWhileReadingData_FailsTheWholeSyncWithThatException()
    {
        PutSample("alpha/1.parquet", 0, 30);
        PutSample("beta.parquet", 100, 30);
        var thrown = new ConcurrentBag<StoreException>();
        void DenyFromNowOn(SyncMessage message) => _store.BeforeRead ??= read =>
        {
            var denied = new StoreException(StoreFailure.AccessDenied, _store.Location, read.Key, "access denied");
            thrown.Add(denied);
            throw denied;
        };

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            CollectedSyncMessages.CollectAsync(Client(Spec()).StartSync(AllTables).ReadAllAsync(CancellationToken.None), DenyFromNowOn));

        Assert.Equal(StoreFailure.AccessDenied, error.Failure);
        Assert.Contains(error, thrown);
    }

    [Fact]
    public async Task RunAsync_StoreDeniesAccessDuringDiscovery_FailsBeforeAnyMessage()
    {
        PutSample("alpha/1.parquet", 0, 30);
        _store.BeforeRead = read => throw new StoreException(StoreFailure.AccessDenied, _store.Location, read.Key, "access denied");
        var messages = 0;

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            CollectedSyncMessages.CollectAsync(Client(Spec()).StartSync(AllTables).ReadAllAsync(CancellationToken.None), _ => messages++));

        Assert.Equal(StoreFailure.AccessDenied, error.Failure);
        Assert.Equal(0, messages);
    }

    [Fact]
    public async Task RunAsync_ObjectDeletedBetweenListingAndReading_SkipsItAndSyncsTheOthers()
    {
        var folder = Directory.CreateTempSubdirectory("cq-s3-engine-").FullName;
        try
        {
            WriteSample(Path.Combine(folder, "t", "a.parquet"), 0, 40);
            WriteSample(Path.Combine(folder, "t", "b.parquet"), 100, 40);
            WriteSample(Path.Combine(folder, "u.parquet"), 200, 40);
            await using var client = SourceClient.Create(new SourceSpec { LocalPath = folder, Concurrency = 2 }, new LocalFolderStore(folder), NullLoggerFactory.Instance);
            var run = client.StartSync(AllTables);
            // Migrations are sent after discovery and before any data read: delete at the first one.
            void DeleteOnce(SyncMessage message) => File.Delete(Path.Combine(folder, "t", "b.parquet"));

            var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None), DeleteOnce);

            var skipped = Assert.Single(run.Skipped);
            Assert.Equal(("t/b.parquet", "t", false), (skipped.Key, skipped.Table, skipped.Transient));
            Assert.Contains("no longer exists", skipped.Reason, StringComparison.Ordinal);
            Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 40)), sync.RowsOf("t").Order(StringComparer.Ordinal));
            Assert.Equal(SampleBatches.AllTypesRowsSorted((200, 40)), sync.RowsOf("u").Order(StringComparer.Ordinal));
            Assert.Equal(80, run.Rows);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_DeterministicIds_AreEqualAcrossRunsWhileRandomIdsAreNot()
    {
        PutSample("alpha/1.parquet", 0, 130);
        PutSample("beta.parquet", 2000, 70);
        var deterministic = AllTables with { DeterministicCqId = true };

        var first = IdsByRow(await RunAsync(Spec(), deterministic));
        var second = IdsByRow(await RunAsync(Spec(), deterministic));
        var random = IdsByRow(await RunAsync(Spec()));

        Assert.Equal(200, first.Count);
        Assert.Equal(200, first.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first, second);
        Assert.Empty(random.Values.Intersect(first.Values, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SmallMaxRecordBytes_SplitsOneBatchIntoSeveralInsertsInRowOrder()
    {
        var spec = Spec(rowsPerRecord: 500);
        WriteSample(_store, "big.parquet", 0, 500, rowGroupRows: 500);

        var whole = await CollectedSyncMessages.CollectAsync(Client(spec).StartSync(AllTables).ReadAllAsync(CancellationToken.None));
        var capped = SourceClient.Create(spec, _store, NullLoggerFactory.Instance, new SyncSettings { MaxRecordBytes = 8 * 1024 });
        var split = await CollectedSyncMessages.CollectAsync(capped.StartSync(AllTables).ReadAllAsync(CancellationToken.None));

        Assert.Single(whole.Inserts);
        Assert.True(split.Inserts.Count > 2, $"only {split.Inserts.Count} inserts");
        Assert.Equal(SampleBatches.AllTypesRows(0, 500), split.RowsOf("big"));
        Assert.Equal(whole.RowsOf("big"), split.RowsOf("big"));
    }

    /// <summary>
    /// The default retries without their waits, for engines on a <c>FakeTimeProvider</c>: a retry's wait runs on the
    /// engine's clock, and a fake clock never moves unless the test advances it.
    /// </summary>
    internal static TransientRetry RetryWithoutWaiting { get; } = new(TransientRetry.Default.MaxRetries, TimeSpan.Zero, TimeSpan.Zero);

    internal static SourceSpec Spec(int rowsPerRecord = 100, int concurrency = 3) =>
        new() { Bucket = "bucket", RowsPerRecord = rowsPerRecord, Concurrency = concurrency };

    internal static StoredObject WriteSample(InMemoryObjectStore store, string key, long firstRow, int rows, int rowGroupRows = 100, DateTimeOffset? lastModified = null)
    {
        using var batch = SampleBatches.AllTypes(firstRow, rows);
        return store.Put(key, new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = rowGroupRows }.Add(batch).ToBytes(), lastModified);
    }

    private static void WriteSample(string path, long firstRow, int rows)
    {
        using var batch = SampleBatches.AllTypes(firstRow, rows);
        new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 100 }.Add(batch).WriteTo(path);
    }

    private static Dictionary<string, string> IdsByRow(CollectedSyncMessages sync) =>
        sync.Inserts.SelectMany(i => i.DataRows.Zip(i.Ids)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    private void PutSample(string key, long firstRow, int rows) => WriteSample(_store, key, firstRow, rows);

    private SourceClient Client(SourceSpec spec) => SourceClient.Create(spec, _store, NullLoggerFactory.Instance);

    private Task<CollectedSyncMessages> RunAsync(SourceSpec spec, SyncRequest? request = null) =>
        CollectedSyncMessages.CollectAsync(Client(spec).StartSync(request ?? AllTables).ReadAllAsync(CancellationToken.None));
}
