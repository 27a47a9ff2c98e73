using CqSourceS3.Client.Mirror;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Client.Tests.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CqSourceS3.Client.Tests.Mirror;

/// <summary>
/// <c>mirror: true</c> over an in-memory bucket and state store: which DeleteRecords each run sends, and where
/// (always before every Insert), as objects are added, rewritten and deleted, listings fail and syncs fail midway.
/// </summary>
public sealed class MirrorSyncEngineTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly InMemoryStateStore _state = new();
    private readonly FakeTimeProvider _clock = new(T.AddHours(1));

    [Fact]
    public async Task RunAsync_FirstMirroredRun_DeletesEveryObjectsKeyBeforeItsRowsBecauseEarlierSyncsMayHaveSentThem()
    {
        Put("t/a.parquet", 0, 5);
        Put("t/b.parquet", 100, 5);

        var first = await RunAsync();

        Assert.Equal(["migrate:t", "delete:t:t/a.parquet", "delete:t:t/b.parquet", "insert:t", "insert:t"], first.Order);
        Assert.All(first.Deletes, d => Assert.Equal("_source_key", d.Column));
    }

    [Fact]
    public async Task RunAsync_NothingChanged_SendsNoDeleteAndNoInsert()
    {
        Put("t/a.parquet", 0, 5);
        await RunAsync();

        var second = await RunAsync();

        Assert.Equal(["migrate:t"], second.Order);
    }

    [Fact]
    public async Task RunAsync_RewrittenObject_OneDeleteOfItsKeyBeforeItsNewRows()
    {
        Put("t/a.parquet", 0, 5);
        Put("t/b.parquet", 100, 5);
        await RunAsync();

        Put("t/a.parquet", 500, 7, T.AddMinutes(5));
        var second = await RunAsync();

        Assert.Equal(["migrate:t", "delete:t:t/a.parquet", "insert:t"], second.Order);
        Assert.Equal(Ids(500, 7), IdsOf(second));
    }

    [Fact]
    public async Task RunAsync_RewriteKeepingTheOldLastModified_IsStillReadBecauseItsETagChanged()
    {
        Put("t/a.parquet", 0, 5);
        await RunAsync();
        _clock.Advance(TimeSpan.FromHours(5));

        // Same LastModified (outside the cursor's window by now), other content and so another ETag.
        Put("t/a.parquet", 500, 9);
        var second = await RunAsync();

        Assert.Equal(["migrate:t", "delete:t:t/a.parquet", "insert:t"], second.Order);
    }

    [Fact]
    public async Task RunAsync_DeletedObject_OneDeleteAfterTheCompleteListingThenForgotten()
    {
        Put("t/a.parquet", 0, 5);
        Put("t/b.parquet", 100, 5);
        await RunAsync();

        _store.Delete("t/b.parquet");
        var second = await RunAsync();
        var third = await RunAsync();

        Assert.Equal(["migrate:t", "delete:t:t/b.parquet"], second.Order);
        Assert.Equal(["migrate:t"], third.Order);
    }

    [Fact]
    public async Task RunAsync_ListingThatFails_SendsNoDeleteAndKeepsTheState()
    {
        Put("t/a.parquet", 0, 5);
        Put("t/b.parquet", 100, 5);
        await RunAsync();
        var before = _state.Committed.ToDictionary();
        _store.Delete("t/b.parquet");
        _store.FailNextListing = new StoreException(StoreFailure.Transient, _store.Location, "t/", "slow down");

        var messages = new List<SyncMessage>();
        await Assert.ThrowsAsync<StoreException>(() => CollectedSyncMessages.ExecuteAsync(Client().StartSync(new SyncRequest(["*"], []), _state), messages.Add));

        Assert.Empty(messages);
        Assert.Equal(before, _state.Committed);
        Assert.Equal(["migrate:t", "delete:t:t/b.parquet"], (await RunAsync()).Order);
    }

    [Fact]
    public async Task RunAsync_NarrowedPathPrefix_DeletesNothingOutsideIt()
    {
        Put("t/2023/a.parquet", 0, 5);
        Put("t/2024/b.parquet", 100, 5);
        await RunAsync(spec => spec with { TableRules = [new TableRuleSpec("t/**", "t")] });

        var narrowed = await RunAsync(spec => spec with { PathPrefix = "t/2024/", TableRules = [new TableRuleSpec("t/**", "t")] });

        Assert.Empty(narrowed.Deletes);
    }

    [Fact]
    public async Task RunAsync_ExcludedByANewGlob_DeletesNothing()
    {
        Put("t/a.parquet", 0, 5);
        Put("t/b.parquet", 100, 5);
        await RunAsync();

        var excluded = await RunAsync(spec => spec with { Exclude = ["t/b.parquet"] });

        Assert.Empty(excluded.Deletes);
    }

    [Fact]
    public async Task RunAsync_FailedSyncThenGoodOne_TheGoodOneDeletesWhatTheFailedOneMayHaveSent()
    {
        Put("t/a.parquet", 0, 5);
        await RunAsync();
        Put("t/b.parquet", 100, 5, T.AddMinutes(1));
        Put("t/c.parquet", 200, 5, T.AddMinutes(2));

        // The destination fails after the first new Insert: the run fails, nothing is committed.
        var seen = 0;
        await Assert.ThrowsAsync<IOException>(() => CollectedSyncMessages.ExecuteAsync(Client().StartSync(new SyncRequest(["*"], []), _state), message =>
        {
            if (message is InsertMessage && ++seen == 1)
            {
                throw new IOException("destination went away");
            }
        }));
        var good = await RunAsync();
        var again = await RunAsync();

        Assert.Equal(["migrate:t", "delete:t:t/b.parquet", "delete:t:t/c.parquet", "insert:t", "insert:t"], good.Order);
        Assert.Equal([.. Ids(100, 5), .. Ids(200, 5)], IdsOf(good));
        Assert.Equal(["migrate:t"], again.Order);
    }

    [Fact]
    public async Task RunAsync_FailedSyncSentANewObjectThatIsThenDeleted_TheNextRunDeletesItsRows()
    {
        Put("t/a.parquet", 0, 5);
        await RunAsync();
        Put("t/b.parquet", 100, 5, T.AddMinutes(1));
        await Assert.ThrowsAsync<IOException>(() => CollectedSyncMessages.ExecuteAsync(Client().StartSync(new SyncRequest(["*"], []), _state), message =>
        {
            if (message is InsertMessage)
            {
                throw new IOException("destination went away after b's rows");
            }
        }));

        _store.Delete("t/b.parquet");
        var next = await RunAsync();
        var after = await RunAsync();

        Assert.Equal(["migrate:t", "delete:t:t/b.parquet"], next.Order);
        Assert.Equal(["migrate:t"], after.Order);
    }

    [Fact]
    public async Task RunAsync_NewObjectAfterACompleteRun_IsInsertedWithoutADelete()
    {
        Put("t/a.parquet", 0, 5);
        await RunAsync();

        Put("t/b.parquet", 100, 5, T.AddMinutes(1));
        var second = await RunAsync();

        Assert.Equal(["migrate:t", "insert:t"], second.Order);
    }

    [Fact]
    public async Task RunAsync_TwoShards_EachDeletesOnlyItsOwnObjects()
    {
        var keys = Enumerable.Range(0, 8).Select(i => $"t/{i:00}.parquet").ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            Put(key, i * 100, 3);
        }

        await RunAsync(shard: 1);
        await RunAsync(shard: 2);
        var gone = keys.Where(k => ObjectShardHash.ShardOf(k, 2) == 1).Take(1).Concat(keys.Where(k => ObjectShardHash.ShardOf(k, 2) == 2).Take(1)).ToList();
        gone.ForEach(_store.Delete);

        var one = await RunAsync(shard: 1);
        var two = await RunAsync(shard: 2);

        Assert.Equal([gone[0]], one.Deletes.Select(d => d.Value));
        Assert.Equal([gone[1]], two.Deletes.Select(d => d.Value));
    }

    [Fact]
    public async Task StartSync_MirrorWithoutState_FailsBeforeAnyMessageSayingWhy()
    {
        Put("t/a.parquet", 0, 5);
        var messages = new List<SyncMessage>();

        var error = await Assert.ThrowsAsync<MirrorStateRequiredException>(() => CollectedSyncMessages.ExecuteAsync(Client().StartSync(new SyncRequest(["*"], [])), messages.Add));

        Assert.Empty(messages);
        Assert.Contains("backend_options", error.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.Configuration, error.Kind);
    }

    [Fact]
    public async Task RunAsync_Mirror_AddsTheSourceKeyColumnWithTheObjectsKey()
    {
        Put("t/a.parquet", 0, 2);

        var first = await RunAsync();

        Assert.Equal("_source_key", first.Migrations.Single().Schema.FieldsList[^1].Name);
    }

    private static IEnumerable<long> Ids(long first, int count) => Enumerable.Range(0, count).Select(i => first + i);

    /// <summary>The ids of the rows sent, in order (the first data column of <see cref="SampleBatches.AllTypes"/>).</summary>
    private static List<long> IdsOf(CollectedSyncMessages sync) =>
        [.. sync.RowsOf("t").Select(r => long.Parse(r.Split(" | ")[0], System.Globalization.CultureInfo.InvariantCulture)).Order()];

    private StoredObject Put(string key, long firstRow, int rows, DateTimeOffset? lastModified = null) =>
        SyncEngineTests.WriteSample(_store, key, firstRow, rows, lastModified: lastModified ?? T);

    private SourceClient Client(Func<SourceSpec, SourceSpec>? change = null) =>
        SourceClient.Create(
            (change ?? (s => s))(SyncEngineTests.Spec() with { Mirror = true, Concurrency = 1 }),
            _store,
            NullLoggerFactory.Instance,
            new SyncSettings { Clock = _clock, Retry = SyncEngineTests.RetryWithoutWaiting });

    private Task<CollectedSyncMessages> RunAsync(Func<SourceSpec, SourceSpec>? change = null, int? shard = null) =>
        CollectedSyncMessages.ExecuteAsync(Client(change).StartSync(new SyncRequest(["*"], []) { Shard = shard is { } num ? SyncShard.Create(num, 2) : null }, _state));
}
