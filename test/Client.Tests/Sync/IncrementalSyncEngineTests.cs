using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>
/// Incremental runs of the sync engine over an in-memory store whose LastModified values the test sets, with an
/// in-memory state store flushed only after a run succeeded (as the plugin does): which objects each run reads.
/// </summary>
public sealed class IncrementalSyncEngineTests
{
    private static readonly SyncRequest AllTables = new(["*"], []);
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly InMemoryStateStore _state = new();
    private readonly FakeTimeProvider _clock = new(T.AddHours(2));

    [Fact]
    public async Task RunAsync_SecondRunWithNothingNew_SendsMigrateTableButNoInserts()
    {
        Put("alpha/1.parquet", 0, 30, T);
        Put("alpha/2.parquet", 100, 20, T.AddSeconds(-5));

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 30), (100, 20)), first.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Equal(["migrate:alpha"], second.Order);
        Assert.Contains("\"watermark\":\"2026-01-01T10:00:00Z\"", _state.Committed[StateKey("alpha")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NewKeyInTheWatermarkSecond_IsReadByTheNextRun()
    {
        Put("alpha/1.parquet", 0, 30, T);
        Put("alpha/2.parquet", 100, 20, T);
        await RunAsync();

        // Listed only now, yet stamped in the very second the watermark already holds.
        Put("alpha/3.parquet", 200, 10, T);
        var next = await RunAsync();
        var after = await RunAsync();

        Assert.Equal(SampleBatches.AllTypesRowsSorted((200, 10)), next.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Empty(after.Inserts);
    }

    [Fact]
    public async Task RunAsync_LateArrivalInsideTheLookback_IsRead()
    {
        Put("alpha/new.parquet", 0, 30, T);
        await RunAsync(lookbackSeconds: 3600);

        Put("alpha/late.parquet", 500, 7, T.AddMinutes(-59));
        var next = await RunAsync(lookbackSeconds: 3600);

        Assert.Equal(SampleBatches.AllTypesRowsSorted((500, 7)), next.RowsOf("alpha").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LateArrivalOlderThanTheLookback_IsNotRead()
    {
        // The documented limit: an object listed for the first time more than lookback_seconds behind the watermark
        // is taken for already synced. Raising lookback_seconds is the user's remedy.
        Put("alpha/new.parquet", 0, 30, T);
        await RunAsync(lookbackSeconds: 3600);

        Put("alpha/too-late.parquet", 500, 7, T.AddSeconds(-3601));
        var next = await RunAsync(lookbackSeconds: 3600);

        Assert.Equal(["migrate:alpha"], next.Order);
    }

    [Fact]
    public async Task RunAsync_RewriteWithSameLastModifiedButNewETag_IsReadAgain()
    {
        var original = Put("alpha/1.parquet", 0, 30, T);
        await RunAsync();

        var rewritten = Put("alpha/1.parquet", 1000, 45, T);
        var next = await RunAsync();

        Assert.NotEqual(original.ETag, rewritten.ETag);
        Assert.Equal(SampleBatches.AllTypesRowsSorted((1000, 45)), next.RowsOf("alpha").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TransientFailureOfOneObject_ReadsItAgainNextRunAndNothingElse()
    {
        Put("alpha/1.parquet", 0, 30, T.AddSeconds(-10));
        Put("alpha/2.parquet", 100, 20, T);
        Put("alpha/3.parquet", 200, 10, T.AddSeconds(-20));
        var failing = true;
        _store.BeforeRead = read =>
        {
            if (failing && read.Key == "alpha/3.parquet")
            {
                throw new StoreException(StoreFailure.Transient, _store.Location, read.Key, "SlowDown: please reduce your request rate");
            }
        };

        var first = await RunAsync();
        failing = false;
        var second = await RunAsync();
        var third = await RunAsync();

        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 30), (100, 20)), first.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((200, 10)), second.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Empty(third.Inserts);
    }

    [Fact]
    public async Task RunAsync_ObjectYoungerThanSettle_IsLeftForALaterRun()
    {
        Put("alpha/old.parquet", 0, 30, T);
        Put("alpha/young.parquet", 100, 20, _clock.GetUtcNow().AddSeconds(-30));

        var first = await RunAsync(settleSeconds: 60);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await RunAsync(settleSeconds: 60);

        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 30)), first.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((100, 20)), second.RowsOf("alpha").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"v\":2}")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\"}")]
    public async Task RunAsync_CorruptStoredCursor_FailsNamingTheKeyBeforeAnyMessage(string stored)
    {
        Put("alpha/1.parquet", 0, 30, T);
        var state = new InMemoryStateStore([KeyValuePair.Create(StateKey("alpha"), stored)]);
        var run = Engine(Spec()).Start(AllTables, state);
        var messages = 0;

        var error = await Assert.ThrowsAsync<CursorStateException>(() => CollectedSyncMessages.ExecuteAsync(run, _ => messages++));

        Assert.Equal(StateKey("alpha"), error.StateKey);
        Assert.Contains($"'{StateKey("alpha")}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, messages);
        Assert.Equal(stored, state.Committed[StateKey("alpha")]);
    }

    [Fact]
    public async Task RunAsync_NoStateStore_EveryRunReadsEverything()
    {
        Put("alpha/1.parquet", 0, 30, T);
        Put("beta.parquet", 100, 20, T);
        var spec = Spec();

        var first = await CollectedSyncMessages.ExecuteAsync(Engine(spec).Start(AllTables, state: null));
        var second = await CollectedSyncMessages.ExecuteAsync(Engine(spec).Start(AllTables, state: null));

        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 30)), second.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((100, 20)), second.RowsOf("beta").Order(StringComparer.Ordinal));
        Assert.Equal(first.Inserts.Sum(i => i.DataRows.Count), second.Inserts.Sum(i => i.DataRows.Count));
    }

    private static SourceSpec Spec(int lookbackSeconds = 3600, int settleSeconds = 0) =>
        SyncEngineTests.Spec() with { LookbackSeconds = lookbackSeconds, SettleSeconds = settleSeconds };

    private static string StateKey(string table) => StateKeys.ForTable("memory://bucket", table);

    private StoredObject Put(string key, long firstRow, int rows, DateTimeOffset lastModified) =>
        SyncEngineTests.WriteSample(_store, key, firstRow, rows, lastModified: lastModified);

    private SyncEngine Engine(SourceSpec spec) => new(_store, spec, new SyncSettings { Clock = _clock, Retry = SyncEngineTests.RetryWithoutWaiting }, NullLogger.Instance);

    /// <summary>One run as the plugin does it: the cursors are flushed only after every message was taken.</summary>
    private Task<CollectedSyncMessages> RunAsync(int lookbackSeconds = 3600, int settleSeconds = 0) =>
        CollectedSyncMessages.ExecuteAsync(Engine(Spec(lookbackSeconds, settleSeconds)).Start(AllTables, _state));
}
