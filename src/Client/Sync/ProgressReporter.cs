using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Logs one structured progress line at most every <c>interval</c> while a sync reads objects, so an operator
/// watching a long sync sees it move. Called from parallel readers; at most one of them logs per interval.
/// </summary>
internal sealed class ProgressReporter(ILogger logger, TimeProvider clock, TimeSpan interval, int tables, int objectsTotal)
{
    /// <summary>The default interval between two progress lines.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly long _started = clock.GetTimestamp();
    private long _lastReported = clock.GetTimestamp();

    /// <summary>Called after each object is read; logs when the interval since the last line has passed.</summary>
    public void ObjectDone(int objectsDone, long rows, long bytes)
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastReported);
        if (clock.GetElapsedTime(last, now) < interval || Interlocked.CompareExchange(ref _lastReported, now, last) != last)
        {
            return;
        }

        var seconds = Math.Max(clock.GetElapsedTime(_started, now).TotalSeconds, 0.001);
        ClientLog.SyncProgress(logger, tables, objectsDone, objectsTotal, rows, bytes, Math.Round(rows / seconds, 1));
    }
}
