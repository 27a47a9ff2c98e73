using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>Transient read failures are retried before an object is skipped, and never after rows were sent.</summary>
public sealed class TransientRetryTests
{
    private static readonly SyncRequest AllTables = new(["*"], []);
    private static readonly TransientRetry Fast = new(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4));
    private readonly InMemoryObjectStore _store = new("memory://bucket");

    [Fact]
    public async Task RunAsync_ReadFailsTransientlyTwiceThenSucceeds_AllRowsSentOnceAndNothingSkipped()
    {
        SyncEngineTests.WriteSample(_store, "alpha.parquet", 0, 30);
        var failures = FailReadsAfterDiscovery(times: 2);

        var (sync, run) = await RunAsync(Fast, failures);

        Assert.Equal(2, failures.Thrown);
        Assert.Equal(30, sync.RowsOf("alpha").Count());
        Assert.Equal(30, sync.RowsOf("alpha").Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(run.Skipped);
    }

    [Fact]
    public async Task RunAsync_ReadKeepsFailingTransiently_SkippedAsTransientAfterMaxRetries()
    {
        SyncEngineTests.WriteSample(_store, "alpha.parquet", 0, 30);
        var failures = FailReadsAfterDiscovery(times: int.MaxValue);

        var (sync, run) = await RunAsync(Fast, failures);

        Assert.Equal(1 + Fast.MaxRetries, failures.Thrown);
        Assert.Empty(sync.Inserts);
        var skipped = Assert.Single(run.Skipped);
        Assert.True(skipped.Transient);
        Assert.Equal("alpha.parquet", skipped.Key);
    }

    [Fact]
    public void ShouldRetry_RowsAlreadySent_False()
    {
        var transient = new StoreException(StoreFailure.Transient, "memory://bucket", "k", "slow down");

        Assert.True(Fast.ShouldRetry(transient, retriesSoFar: 0, rowsSent: 0));
        Assert.False(Fast.ShouldRetry(transient, retriesSoFar: 0, rowsSent: 1));
        Assert.False(Fast.ShouldRetry(transient, retriesSoFar: Fast.MaxRetries, rowsSent: 0));
    }

    [Fact]
    public void ShouldRetry_NotFoundOrParquetError_False()
    {
        var missing = new StoreException(StoreFailure.ObjectNotFound, "memory://bucket", "k", "gone");

        Assert.False(Fast.ShouldRetry(missing, retriesSoFar: 0, rowsSent: 0));
        Assert.False(Fast.ShouldRetry(new InvalidOperationException("x"), retriesSoFar: 0, rowsSent: 0));
    }

    [Fact]
    public void CeilingFor_GrowsExponentiallyUpToMaxDelay()
    {
        var retry = new TransientRetry(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));

        Assert.Equal(TimeSpan.FromMilliseconds(100), retry.CeilingFor(0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), retry.CeilingFor(1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), retry.CeilingFor(2));
        Assert.Equal(TimeSpan.FromMilliseconds(500), retry.CeilingFor(3));
        Assert.Equal(TimeSpan.FromMilliseconds(500), retry.CeilingFor(60));
    }

    private FailingReads FailReadsAfterDiscovery(int times)
    {
        var failures = new FailingReads(times);
        _store.BeforeRead = _ => failures.MaybeThrow();
        return failures;
    }

    private async Task<(CollectedSyncMessages Sync, SyncRun Run)> RunAsync(TransientRetry retry, FailingReads failures)
    {
        var spec = SyncEngineTests.Spec();
        await using var client = SourceClient.Create(spec, _store, NullLoggerFactory.Instance);
        var run = SourceClient.Create(spec, _store, NullLoggerFactory.Instance, new SyncSettings { Retry = retry }).StartSync(AllTables);
        // Migrations are sent after discovery and before any data read: arm the failures at the first one.
        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(CancellationToken.None), _ => failures.Armed = true);
        return (sync, run);
    }

    private sealed class FailingReads(int times)
    {
        private int _thrown;

        public volatile bool Armed;

        public int Thrown => Volatile.Read(ref _thrown);

        public void MaybeThrow()
        {
            if (Armed && Interlocked.Increment(ref _thrown) <= times)
            {
                throw new StoreException(StoreFailure.Transient, "memory://bucket", "alpha.parquet", "SlowDown: please reduce your request rate");
            }

            if (Armed && Volatile.Read(ref _thrown) > times)
            {
                Interlocked.Decrement(ref _thrown);
            }
        }
    }
}
