using CqSourceS3.Client;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Cli;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>The live progress of <c>sync</c>: plain lines when not on a terminal, one redrawn line (cleared at the end) on one.</summary>
public sealed class SyncProgressDisplayTests
{
    [Fact]
    public async Task Display_NotATerminal_WritesPlainLinesWithTheEngineCounters()
    {
        await using var client = await SourceClient.CreateAsync(new SourceSpec { LocalPath = Path.Combine(RepoPaths.Root, "examples", "data") }, NullLoggerFactory.Instance, CancellationToken.None);
        var run = client.StartSync(new SyncRequest(["*"], []));
        await DrainAsync(run);
        using var writer = new StringWriter();

        await using (new SyncProgressDisplay(run, writer, terminal: false, TimeSpan.FromMilliseconds(20)))
        {
            await Task.Delay(200);
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("progress: 4 tables, 5/5 objects, 4300 rows, ", line, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public async Task Display_OnATerminal_RedrawsOneLineAndClearsItAtTheEnd()
    {
        await using var client = await SourceClient.CreateAsync(new SourceSpec { LocalPath = Path.Combine(RepoPaths.Root, "examples", "data") }, NullLoggerFactory.Instance, CancellationToken.None);
        var run = client.StartSync(new SyncRequest(["*"], []));
        await DrainAsync(run);
        using var writer = new StringWriter();

        await using (new SyncProgressDisplay(run, writer, terminal: true, TimeSpan.FromMilliseconds(20)))
        {
            await Task.Delay(200);
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
}
