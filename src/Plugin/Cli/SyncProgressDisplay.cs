using System.Globalization;
using CqSourceS3.Client.Sync;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// The progress of <c>sync</c> on stderr: on a terminal one line redrawn every half second; otherwise (a pipe, a
/// CI log) a plain line every five seconds, so logs stay readable. Tables, objects, rows, bytes and the row rate.
/// </summary>
internal sealed class SyncProgressDisplay : IAsyncDisposable
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly SyncRun _run;
    private readonly TextWriter _writer;
    private readonly bool _terminal;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private int _lastWidth;

    /// <param name="run">The sync whose counters are shown.</param>
    /// <param name="writer">Where the lines go (stderr).</param>
    /// <param name="terminal">Whether <paramref name="writer"/> is a terminal (one redrawn line) or not (plain lines).</param>
    /// <param name="interval">Time between two lines; by default half a second on a terminal, else five seconds.</param>
    /// <param name="clock">What drives the interval and the elapsed time (tests pass a fake one); the system clock by default.</param>
    public SyncProgressDisplay(SyncRun run, TextWriter writer, bool terminal, TimeSpan? interval = null, TimeProvider? clock = null)
    {
        _run = run;
        _writer = writer;
        _terminal = terminal;
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetTimestamp();
        _timer = new PeriodicTimer(interval ?? (terminal ? TerminalInterval : PlainInterval), _clock);
        _loop = RunAsync();
    }

    /// <summary>One line describing where the sync is; also what a test can assert.</summary>
    public static string Describe(SyncRun run, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? run.Rows / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{run.Progress.Count} tables, {run.ObjectsRead}/{run.ObjectsToRead} objects, {run.Rows} rows, {ByteText(run.BytesRead)}, {rate:0} rows/s, {elapsed.TotalSeconds:0}s");
    }

    private static string ByteText(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    // Stopped by disposing the timer, which ends the wait with false: a cancelled wait would throw, and a Native AOT
    // build formats the exception's stack trace, a cost every sync paid at its end.
    private async Task RunAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            Draw();
        }
    }

    private void Draw()
    {
        var line = "progress: " + Describe(_run, _clock.GetElapsedTime(_started));
        if (_terminal)
        {
            // Redraw in place; pad over the remains of a longer previous line.
            _writer.Write("\r" + line.PadRight(_lastWidth));
            _lastWidth = line.Length;
        }
        else
        {
            _writer.WriteLine(line);
        }

        _writer.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        if (_terminal && _lastWidth > 0)
        {
            _writer.Write("\r" + new string(' ', _lastWidth) + "\r");
            _writer.Flush();
        }
    }
}
