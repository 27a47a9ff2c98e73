using CqSourceS3.Client;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Cli;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// The live progress of <c>sync</c>: plain lines when not on a terminal, one redrawn line (cleared at the end) on one.
/// The display runs on a fake clock: the test moves it one interval on and waits for the line that tick draws.
/// </summary>
public sealed class SyncProgressDisplayTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly SourceSpec ExamplesSpec = new() { LocalPath = Path.Combine(RepoPaths.Root, "examples", "data") };

    /// <summary>A hang guard: the line is drawn as soon as the display's loop runs after the tick.</summary>
    private static readonly TimeSpan DrawnWithin = TimeSpan.FromSeconds(30);

    private readonly TestCacheFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Display_NotATerminal_WritesPlainLinesWithTheEngineCounters()
    {
        await using var client = await SourceClient.CreateAsync(_cache.For(ExamplesSpec), NullLoggerFactory.Instance, CancellationToken.None);
        var run = client.StartSync(new SyncRequest(["*"], []));
        await DrainAsync(run);
        using var writer = new FlushSignallingWriter();
        var clock = new FakeTimeProvider();

        await using (new SyncProgressDisplay(run, writer, terminal: false, Interval, clock))
        {
            clock.Advance(Interval);
            await writer.Flushed.WaitAsync(DrawnWithin);
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("progress: 4 tables, 5/5 objects, 4300 rows, ", line, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public async Task Display_OnATerminal_RedrawsOneLineAndClearsItAtTheEnd()
    {
        await using var client = await SourceClient.CreateAsync(_cache.For(ExamplesSpec), NullLoggerFactory.Instance, CancellationToken.None);
        var run = client.StartSync(new SyncRequest(["*"], []));
        await DrainAsync(run);
        using var writer = new FlushSignallingWriter();
        var clock = new FakeTimeProvider();

        await using (new SyncProgressDisplay(run, writer, terminal: true, Interval, clock))
        {
            clock.Advance(Interval);
            await writer.Flushed.WaitAsync(DrawnWithin);
        }

        var text = writer.ToString();
        Assert.DoesNotContain('\n', text);
        Assert.StartsWith("\rprogress: 4 tables, 5/5 objects, 4300 rows, ", text, StringComparison.Ordinal);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }

    private static async Task DrainAsync(SyncRun run)
    {
        await foreach (var message in run.ReadAllAsync(CancellationToken.None))
        {
            (message as IDisposable)?.Dispose();
        }
    }

    /// <summary>A <see cref="StringWriter"/> that says when it was first flushed: the display flushes after each line it draws.</summary>
    private sealed class FlushSignallingWriter : StringWriter
    {
        private readonly TaskCompletionSource _flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Flushed => _flushed.Task;

        public override void Flush()
        {
            base.Flush();
            _flushed.TrySetResult();
        }
    }
}
