using System.Collections.Concurrent;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>The periodic progress line: at most one per interval, with the sync's counts.</summary>
public sealed class ProgressReporterTests
{
    private const int ProgressEventId = 116;

    [Fact]
    public void ObjectDone_BeforeIntervalPassed_LogsNothingThenOneLineAfterIt()
    {
        var clock = new FakeTimeProvider();
        var logger = new RecordingLogger();
        var reporter = new ProgressReporter(logger, clock, TimeSpan.FromSeconds(5), tables: 2, objectsTotal: 10);

        clock.Advance(TimeSpan.FromSeconds(4));
        reporter.ObjectDone(1, rows: 100, bytes: 1000);
        Assert.Empty(logger.Lines);

        clock.Advance(TimeSpan.FromSeconds(1));
        reporter.ObjectDone(2, rows: 500, bytes: 5000);
        reporter.ObjectDone(3, rows: 600, bytes: 6000);

        var line = Assert.Single(logger.Lines);
        Assert.Equal(ProgressEventId, line.EventId);
        Assert.Equal("Sync progress: 2 tables, 2/10 objects, 500 rows, 5000 bytes, 100 rows/s", line.Message);
    }

    [Fact]
    public async Task RunAsync_SlowedDownSync_LogsProgressLines()
    {
        var store = new InMemoryObjectStore("memory://bucket");
        SyncEngineTests.WriteSample(store, "alpha/1.parquet", 0, 30);
        SyncEngineTests.WriteSample(store, "alpha/2.parquet", 100, 30);
        SyncEngineTests.WriteSample(store, "beta.parquet", 200, 30);
        // Each read takes 5 ms on the engine's clock, so every object ends more than an interval after the one before.
        var clock = new FakeTimeProvider();
        store.BeforeRead = _ => clock.Advance(TimeSpan.FromMilliseconds(5));
        var logger = new RecordingLogger();
        var spec = SyncEngineTests.Spec(concurrency: 1);
        var engine = new SyncEngine(store, spec, new SyncSettings { ProgressInterval = TimeSpan.FromMilliseconds(1), Clock = clock, Retry = SyncEngineTests.RetryWithoutWaiting }, logger);

        await CollectedSyncMessages.CollectAsync(engine.Start(new SyncRequest(["*"], []), state: null).ReadAllAsync(CancellationToken.None));

        var progress = logger.Lines.Where(l => l.EventId == ProgressEventId).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Contains("2 tables", l.Message, StringComparison.Ordinal));
        Assert.All(progress, l => Assert.Matches(@"[1-3]/3 objects", l.Message));
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly ConcurrentQueue<(int EventId, string Message)> _lines = new();

        public IReadOnlyList<(int EventId, string Message)> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
