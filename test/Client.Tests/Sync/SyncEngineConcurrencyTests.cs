using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>
/// The sync engine's bound on objects read at once, and how it stops: a store that counts in-flight ranged reads
/// per object watches the real sync. Overlap is made certain by holding reads until enough objects are in flight,
/// and a stop is made at a known point by stalling every later read until the engine cancels it; nothing waits for
/// a time to pass, so a loaded machine cannot change what a test sees.
/// </summary>
public sealed class SyncEngineConcurrencyTests
{
    private const int Objects = 20;
    private const int RowsPerObject = 300;
    private static readonly SyncRequest AllTables = new(["*"], []);

    /// <summary>Generous limits: they catch a hang, not a slow machine.</summary>
    private static readonly TimeSpan EndsWithin = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ReadsStopWithin = TimeSpan.FromSeconds(10);

    /// <summary>How long the engine is watched for a read it should not start any more: a bug shows well within it.</summary>
    private static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(300);

    private readonly InFlightCountingStore _store;

    public SyncEngineConcurrencyTests()
    {
        var inner = new InMemoryObjectStore("memory://bucket");
        for (var i = 0; i < Objects; i++)
        {
            SyncEngineTests.WriteSample(inner, $"t/part-{i:00}.parquet", i * 1000L, RowsPerObject);
        }

        _store = new InFlightCountingStore(inner);
    }

    [Fact]
    public async Task RunAsync_Concurrency3Over20Objects_ReadsAtMostThreeObjectsAtOnceAndMoreThanOne()
    {
        var engine = Engine(concurrency: 3);
        _store.HoldUntilObjectsInFlight(2);

        var sync = await CollectedSyncMessages.CollectAsync(engine.Start(AllTables, state: null).ReadAllAsync(CancellationToken.None)).WaitAsync(EndsWithin);

        Assert.Equal(3, engine.Concurrency);
        Assert.InRange(_store.MaxObjectsInFlight, 2, 3);
        Assert.Equal(Objects * RowsPerObject, sync.RowsOf("t").Count());
        Assert.Equal(0, _store.ObjectsInFlight);
    }

    [Fact]
    public async Task RunAsync_ReadBudgetBelowOneRowGroup_ReadsOneObjectAtATimeAndEveryRow()
    {
        var budgeted = new SyncEngine(_store, SyncEngineTests.Spec(rowsPerRecord: 50, concurrency: 8), new SyncSettings { ReadBudgetBytes = 1 }, NullLogger.Instance);
        var discoveryDone = false;

        // Footers are read before the first MigrateTable, still 8 at once: count only the data reads after it.
        var sync = await CollectedSyncMessages.CollectAsync(budgeted.Start(AllTables, state: null).ReadAllAsync(CancellationToken.None), _ =>
        {
            if (!discoveryDone)
            {
                discoveryDone = true;
                _store.ResetMaxObjectsInFlight();
            }
        }).WaitAsync(EndsWithin);

        Assert.Equal(8, budgeted.Concurrency);
        Assert.Equal(1, _store.MaxObjectsInFlight);
        Assert.Equal(Objects * RowsPerObject, sync.RowsOf("t").Count());
    }

    [Fact]
    public async Task RunAsync_ConcurrencyMinusOne_ReadsManyObjectsAtOnceAndEveryRow()
    {
        var engine = Engine(concurrency: -1);
        _store.HoldUntilObjectsInFlight(4);
        var run = engine.Start(AllTables, state: null);

        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None)).WaitAsync(EndsWithin);

        Assert.Equal(SyncEngine.UnlimitedConcurrency, engine.Concurrency);
        Assert.True(_store.MaxObjectsInFlight > 3, $"at most {_store.MaxObjectsInFlight} objects were read at once");
        Assert.Equal(Objects * RowsPerObject, run.Rows);
        Assert.Equal(Objects * RowsPerObject, sync.RowsOf("t").Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task RunAsync_TokenCancelledMidSync_EndsPromptlyAndStopsReading()
    {
        var engine = Engine(concurrency: 3);
        using var cancel = new CancellationTokenSource();
        var rows = 0;

        var consuming = Task.Run(async () =>
        {
            await foreach (var message in engine.Start(AllTables, state: null).ReadAllAsync(cancel.Token))
            {
                if (message is InsertMessage insert)
                {
                    rows += insert.Record.Length;
                    insert.Dispose();
                    _store.StallFromNow();
                    await cancel.CancelAsync();
                }
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => consuming.WaitAsync(EndsWithin));
        Assert.InRange(rows, 1, Objects * RowsPerObject - 1);
        await AssertReadsStopAsync();
    }

    [Fact]
    public async Task RunAsync_EnumerationDisposedEarly_EndsPromptlyAndStopsReading()
    {
        var run = Engine(concurrency: 3).Start(AllTables, state: null);
        var inserts = 0;

        var consuming = Task.Run(async () =>
        {
            await foreach (var message in run.ReadAllAsync(CancellationToken.None))
            {
                if (message is InsertMessage insert)
                {
                    insert.Dispose();
                    if (++inserts == 2)
                    {
                        _store.StallFromNow();
                        break;
                    }
                }
            }
        });

        await consuming.WaitAsync(EndsWithin);
        Assert.Equal(2, inserts);
        Assert.True(run.Rows < Objects * RowsPerObject, $"all {run.Rows} rows were read although the consumer stopped");
        await AssertReadsStopAsync();
    }

    [Fact]
    public async Task RunAsync_EnumerationDisposedEarlyDuringOneBigObject_CancelsItsReadInsteadOfFinishingIt()
    {
        // One object of 200 small row groups, read through a 4 KiB read-ahead: reading it whole takes hundreds of reads.
        var inner = new InMemoryObjectStore("memory://bucket");
        SyncEngineTests.WriteSample(inner, "big/part-0.parquet", 0, 20_000, rowGroupRows: 100);
        var wholeObjectReads = await CountReadsOfAFullSyncAsync(inner);
        var store = new InFlightCountingStore(inner);
        var engine = new SyncEngine(store, SyncEngineTests.Spec(rowsPerRecord: 50, concurrency: 1), new SyncSettings { ReadOptions = SmallReadAhead }, NullLogger.Instance);

        // Leaving the loop disposes the enumeration; before the fix this hung: the object's read kept writing into
        // the full channel under a token nothing cancelled.
        var consuming = Task.Run(async () =>
        {
            await foreach (var message in engine.Start(AllTables, state: null).ReadAllAsync(CancellationToken.None))
            {
                if (message is InsertMessage insert)
                {
                    insert.Dispose();
                    store.StallFromNow();
                    break;
                }
            }
        });
        await consuming.WaitAsync(EndsWithin);

        await store.WaitUntilIdleAsync(ReadsStopWithin);

        Assert.Equal(0, store.ObjectsInFlight);
        Assert.True(store.ReadsStarted < wholeObjectReads / 2, $"{store.ReadsStarted} of {wholeObjectReads} reads happened although the consumer stopped after the first Insert");
    }

    private static readonly CqSourceS3.Client.Parquet.ParquetReadOptions SmallReadAhead = CqSourceS3.Client.Parquet.ParquetReadOptions.Default with { ReadAheadBytes = 4 * 1024 };

    private static async Task<int> CountReadsOfAFullSyncAsync(InMemoryObjectStore inner)
    {
        var counting = new InFlightCountingStore(inner);
        var engine = new SyncEngine(counting, SyncEngineTests.Spec(rowsPerRecord: 50, concurrency: 1), new SyncSettings { ReadOptions = SmallReadAhead }, NullLogger.Instance);
        var sync = await CollectedSyncMessages.CollectAsync(engine.Start(AllTables, state: null).ReadAllAsync(CancellationToken.None)).WaitAsync(EndsWithin);
        Assert.Equal(20_000, sync.RowsOf("big").Count());
        return counting.ReadsStarted;
    }

    /// <summary>
    /// Every in-flight read (the stalled ones included, which only the engine's cancellation ends) ends after the sync
    /// stopped, and no new read starts after that. The quiet window can only miss a stray read, never invent one.
    /// </summary>
    private async Task AssertReadsStopAsync()
    {
        await _store.WaitUntilIdleAsync(ReadsStopWithin);

        Assert.Equal(0, _store.ObjectsInFlight);
        var readsWhenIdle = _store.ReadsStarted;
        await Task.Delay(QuietWindow);
        Assert.Equal(readsWhenIdle, _store.ReadsStarted);
    }

    private SyncEngine Engine(int concurrency) =>
        new(_store, SyncEngineTests.Spec(rowsPerRecord: 50, concurrency), SyncSettings.Default, NullLogger.Instance);
}
