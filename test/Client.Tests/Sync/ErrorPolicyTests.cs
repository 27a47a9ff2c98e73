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
/// <c>error_policy</c>: <c>skip</c> reads the rest of a table around an unreadable object; <c>fail</c> stops only that
/// table with an error naming the object, and its cursor stays where it was while other tables' cursors move.
/// </summary>
public sealed class ErrorPolicyTests
{
    private static readonly SyncRequest AllTables = new(["*"], []);
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly InMemoryStateStore _state = new();

    [Fact]
    public async Task RunAsync_FailPolicyAndObjectVanishingBeforeItsRead_StopsOnlyThatTableNamingTheObject()
    {
        Put("alpha/1.parquet", 0, 30);
        Put("alpha/2.parquet", 100, 20);
        Put("beta.parquet", 200, 25);
        var run = Run(ErrorPolicies.Fail);

        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None), VanishAtFirstMessage("alpha/2.parquet"));
        await _state.FlushAsync(CancellationToken.None);

        var error = Assert.Single(sync.Errors);
        Assert.Equal("alpha", error.Table);
        Assert.Contains("alpha/2.parquet", error.Error, StringComparison.Ordinal);
        Assert.Contains("error_policy is fail", error.Error, StringComparison.Ordinal);
        Assert.Equal("alpha/2.parquet", Assert.Single(run.Skipped).Key);
        Assert.Equal(SampleBatches.AllTypesRowsSorted((200, 25)), sync.RowsOf("beta").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(StateKeys.ForTable(_store.Location, "alpha"), _state.Committed.Keys);
        Assert.Contains(StateKeys.ForTable(_store.Location, "beta"), _state.Committed.Keys);
    }

    [Fact]
    public async Task RunAsync_SkipPolicyAndObjectVanishingBeforeItsRead_ReadsTheRestAndMovesTheCursor()
    {
        Put("alpha/1.parquet", 0, 30);
        Put("alpha/2.parquet", 100, 20);
        var run = Run(ErrorPolicies.Skip);

        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None), VanishAtFirstMessage("alpha/2.parquet"));
        await _state.FlushAsync(CancellationToken.None);

        Assert.Empty(sync.Errors);
        Assert.Equal("alpha/2.parquet", Assert.Single(run.Skipped).Key);
        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 30)), sync.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Contains(StateKeys.ForTable(_store.Location, "alpha"), _state.Committed.Keys);
    }

    [Fact]
    public async Task RunAsync_FailPolicyAndUnreadableFooter_ReadsNothingOfThatTableAndTheOthersFully()
    {
        Put("alpha/1.parquet", 0, 30);
        _store.Put("alpha/2.parquet", "not parquet at all"u8.ToArray(), T);
        Put("beta.parquet", 200, 25);
        var run = Run(ErrorPolicies.Fail);

        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None));
        await _state.FlushAsync(CancellationToken.None);

        var error = Assert.Single(sync.Errors);
        Assert.Equal("alpha", error.Table);
        Assert.Contains("alpha/2.parquet", error.Error, StringComparison.Ordinal);
        Assert.Empty(sync.RowsOf("alpha"));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((200, 25)), sync.RowsOf("beta").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(StateKeys.ForTable(_store.Location, "alpha"), _state.Committed.Keys);
    }

    [Fact]
    public async Task RunAsync_FailPolicyAndEveryObjectReadable_SyncsEverythingWithoutErrors()
    {
        Put("alpha/1.parquet", 0, 30);
        Put("beta.parquet", 200, 25);

        var sync = await CollectedSyncMessages.CollectAsync(Run(ErrorPolicies.Fail).ReadAllAsync(CancellationToken.None));

        Assert.Empty(sync.Errors);
        Assert.Equal(55, sync.Inserts.Sum(i => i.DataRows.Count));
    }

    /// <summary>Migrations come after discovery and before any data read: removing the object then fails its read.</summary>
    private Action<SyncMessage> VanishAtFirstMessage(string key) => _ =>
        _store.BeforeRead ??= read =>
        {
            if (read.Key == key)
            {
                throw new StoreException(StoreFailure.ObjectNotFound, _store.Location, key, "the object no longer exists");
            }
        };

    private void Put(string key, long firstRow, int rows) => SyncEngineTests.WriteSample(_store, key, firstRow, rows, lastModified: T);

    private SyncRun Run(string policy) =>
        new SyncEngine(_store, SyncEngineTests.Spec() with { ErrorPolicy = policy, Concurrency = 1 }, new SyncSettings { Clock = new FakeTimeProvider(T.AddHours(1)), Retry = SyncEngineTests.RetryWithoutWaiting }, NullLogger.Instance)
            .Start(AllTables, _state);
}
