using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>
/// Each class of failure injected into the data reads of one object, through the real decoder (a small read-ahead
/// makes the native reader fetch its column chunks itself), over incremental runs: a transient failure is skipped
/// for that run and read by the next, whatever its kind; only a file whose bytes are bad is passed by the cursor.
/// </summary>
public sealed class FaultClassTests
{
    private const int ReadAhead = 4096;
    private static readonly SyncRequest AllTables = new(["*"], []);
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ParquetReadOptions SmallReadAhead = new(ReadAhead, TimeSpan.FromMinutes(1));

    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly InMemoryStateStore _state = new();

    public static TheoryData<string, string> Faults => new()
    {
        { "io", "I/O error" },
        { "open-files", "too many open files" },
        { "permission", "permission denied" },
        { "memory", "out of memory" },
        { "assembly", "could not be loaded" },
        { "throttled", "SlowDown" },
        { "unreachable", "connection refused" },
        { "unknown-store", "HTTP 501" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task RunAsync_DataReadFailsWithAFaultOfThisMachineOrTheNetwork_SkippedAsTransientAndReadNextRun(string fault, string reasonPart)
    {
        Put("alpha/1.parquet", 0, 300, T.AddSeconds(-10));
        var faulty = Put("alpha/2.parquet", 1000, 2000, T);
        var failing = true;
        var injected = 0;
        _store.BeforeRead = read =>
        {
            if (failing && read.Key == faulty.Key && IsDataRead(read, faulty))
            {
                Interlocked.Increment(ref injected);
                throw Fault(fault, read.Key);
            }
        };

        var (first, run) = await RunAsync();
        failing = false;
        var (second, _) = await RunAsync();
        var (third, _) = await RunAsync();

        Assert.True(injected > 0, "no data read of the object reached the store");
        var skipped = Assert.Single(run.Skipped);
        Assert.Equal((faulty.Key, true), (skipped.Key, skipped.Transient));
        Assert.Contains(reasonPart, skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 300)), first.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Equal(SampleBatches.AllTypesRowsSorted((1000, 2000)), second.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Empty(third.Inserts);
    }

    [Fact]
    public async Task RunAsync_ObjectWhoseDataPagesAreGarbage_SkippedAsCorruptAndPassedByTheCursor()
    {
        Put("alpha/1.parquet", 0, 300, T.AddSeconds(-10));
        var good = Put("alpha/2.parquet", 1000, 2000, T);
        var bytes = _store.ContentOf(good.Key);
        // Overwrite the first column chunk's page header and data; footer and magic bytes stay intact.
        bytes.AsSpan(4, 256).Fill(0xEE);
        var corrupt = _store.Put(good.Key, bytes, T);

        var (first, run) = await RunAsync();
        var (second, _) = await RunAsync();

        var skipped = Assert.Single(run.Skipped);
        Assert.Equal((corrupt.Key, false), (skipped.Key, skipped.Transient));
        Assert.Contains("corrupt Parquet", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(SampleBatches.AllTypesRowsSorted((0, 300)), first.RowsOf("alpha").Order(StringComparer.Ordinal));
        Assert.Empty(second.Inserts);
    }

    private static Exception Fault(string fault, string key) => fault switch
    {
        "io" => new IOException("Input/output error", 5),
        "open-files" => new IOException("Too many open files", 24),
        "permission" => new UnauthorizedAccessException($"Access to the path '/data/{key}' is denied."),
#pragma warning disable CA2201 // exactly what the runtime raises when an allocation fails
        "memory" => new OutOfMemoryException(),
#pragma warning restore CA2201
        "assembly" => new FileLoadException("Could not load file or assembly 'System.Private.Xml, Version=10.0.0.0'"),
        "throttled" => new StoreException(StoreFailure.Transient, "memory://bucket", key, "SlowDown: please reduce your request rate"),
        "unreachable" => new StoreException(StoreFailure.Unreachable, "memory://bucket", key, "cannot reach the endpoint: connection refused"),
        "unknown-store" => new StoreException(StoreFailure.Unknown, "memory://bucket", key, "GetObject failed (S3 error NotImplemented, HTTP 501)"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>A read of the data pages: neither the 4 magic bytes at the start nor the footer window at the end.</summary>
    private static bool IsDataRead(RangeRead read, StoredObject obj) => read.Offset > 0 && read.Offset < obj.Size - ReadAhead;

    private StoredObject Put(string key, long firstRow, int rows, DateTimeOffset lastModified) =>
        SyncEngineTests.WriteSample(_store, key, firstRow, rows, rowGroupRows: 1000, lastModified: lastModified);

    /// <summary>One run as the plugin does it: the cursors are flushed only after every message was taken.</summary>
    private async Task<(CollectedSyncMessages Sync, SyncRun Run)> RunAsync()
    {
        var settings = new SyncSettings
        {
            ReadOptions = SmallReadAhead,
            Clock = new FakeTimeProvider(T.AddHours(2)),
            // One retry, at once: a wait on the fake clock would last until someone advances it.
            Retry = new TransientRetry(1, TimeSpan.Zero, TimeSpan.Zero),
        };
        var run = new SyncEngine(_store, SyncEngineTests.Spec(), settings, NullLogger.Instance).Start(AllTables, _state);
        return (await CollectedSyncMessages.ExecuteAsync(run), run);
    }
}
