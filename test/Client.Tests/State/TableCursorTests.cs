using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using static CqSourceS3.Client.Tests.State.CursorRuns;

namespace CqSourceS3.Client.Tests.State;

public sealed class TableCursorTests
{
    private const string Key = "cq-source-s3/v1/s3://bucket/table";

    [Fact]
    public void Advance_FromEmpty_WatermarkIsNewestAndWindowIsLookback()
    {
        var cursor = TableCursor.Empty.Advance([At("a", 0), At("b", 5000), At("c", 4000)], [], Lookback);

        Assert.Equal(T0.AddSeconds(5000), cursor.Watermark);
        Assert.Equal(T0.AddSeconds(5000 - 3600), cursor.WindowStart);
        Assert.Equal(["b", "c"], cursor.Recent.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Advance_OnlyOlderObjectsPassed_WatermarkDoesNotMoveBack()
    {
        var cursor = TableCursor.Empty.Advance([At("a", 5000)], [], Lookback);

        var next = cursor.Advance([At("late", 4000)], [], Lookback);

        Assert.Equal(T0.AddSeconds(5000), next.Watermark);
        Assert.Equal(["a", "late"], next.Recent.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Advance_WatermarkMoves_DropsKeysOlderThanWindow()
    {
        var cursor = TableCursor.Empty.Advance([At("a", 0), At("b", 1000)], [], Lookback);

        var next = cursor.Advance([At("c", 4000)], [], Lookback);

        Assert.Equal(T0.AddSeconds(400), next.WindowStart);
        Assert.Equal(["b", "c"], next.Recent.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Advance_LookbackGrows_WindowWidensOnlyAsWatermarkMoves()
    {
        var cursor = TableCursor.Empty.Advance([At("a", 7200)], [], Lookback);

        var next = cursor.Advance([At("b", 9000)], [], TimeSpan.FromHours(3));

        // Below the old window start the old cursor knows no keys; claiming them would re-read old objects.
        Assert.Equal(T0.AddSeconds(3600), next.WindowStart);
    }

    [Fact]
    public void Advance_KeyBothPassedAndRetried_CountsAsRetry()
    {
        var obj = At("a", 100);

        var cursor = TableCursor.Empty.Advance([obj], [obj], Lookback);

        Assert.True(cursor.IsEmpty);
        Assert.False(cursor.HasSynced(obj));
    }

    [Fact]
    public void Advance_HugeLookback_WindowStartsAtEarliestTime()
    {
        var cursor = TableCursor.Empty.Advance([At("a", 0)], [], TimeSpan.MaxValue);

        Assert.Equal(DateTimeOffset.MinValue, cursor.WindowStart);
        Assert.Equal(cursor.ToString(), TableCursor.Parse(Key, cursor.ToString()).ToString());
    }

    [Fact]
    public void Runs_HundredThousandObjectsOverHundredHours_EachReadOnceAndRecentBoundedByWindow()
    {
        // 100k objects, one every 3.6 s; hourly runs each list the whole (growing) bucket.
        var all = Enumerable.Range(0, 100_000).Select(i => new StoredObject($"part-{i:D6}.parquet", 1, T0.AddMilliseconds(i * 3600L), $"e{i}")).ToList();
        var reads = new Dictionary<string, int>(StringComparer.Ordinal);
        var cursor = TableCursor.Empty;
        var largestRecent = 0;
        for (var hour = 1; hour <= 101; hour++)
        {
            var now = T0.AddHours(hour);
            var (selection, next) = Run(cursor, all.TakeWhile(obj => obj.LastModified <= now), now);
            foreach (var obj in selection.ToRead)
            {
                reads[obj.Key] = reads.GetValueOrDefault(obj.Key) + 1;
            }

            cursor = TableCursor.Parse(Key, next.ToString());
            Assert.All(cursor.Recent.Values, synced => Assert.InRange(synced.LastModified, cursor.Watermark!.Value - Lookback, cursor.Watermark!.Value));
            largestRecent = Math.Max(largestRecent, cursor.Recent.Count);
        }

        Assert.Equal(100_000, reads.Count);
        Assert.All(reads.Values, count => Assert.Equal(1, count));
        Assert.InRange(largestRecent, 900, 1001);
    }

    [Fact]
    public void Runs_SlowUploadsSameSecondsAndTransientFailures_EveryObjectSucceedsExactlyOnce()
    {
        // Uploads stamped at their start (on 30 s steps, so many share a second) become visible up to
        // settle + lookback later; runs every 10 minutes; one read in ten fails transiently.
        var random = new Random(20260101);
        var longestUpload = (int)(Settle + Lookback).TotalSeconds;
        var uploads = Enumerable.Range(0, 3000).Select(i =>
        {
            var start = random.Next(0, 48 * 120) * 30;
            return (Object: At($"obj-{i:D4}", start, $"e{i}"), Visible: T0.AddSeconds(start + random.Next(0, longestUpload + 1)));
        }).ToList();
        var successes = new Dictionary<string, int>(StringComparer.Ordinal);
        var cursor = TableCursor.Empty;
        for (var now = T0; now <= T0.AddHours(52); now = now.AddMinutes(10))
        {
            var selection = CursorFilter.Select(cursor, uploads.Where(u => u.Visible <= now).Select(u => u.Object), now, Settle);
            var failed = selection.ToRead.Where(_ => random.Next(10) == 0).ToList();
            var succeeded = selection.ToRead.Except(failed).ToList();
            foreach (var obj in succeeded)
            {
                successes[obj.Key] = successes.GetValueOrDefault(obj.Key) + 1;
            }

            cursor = TableCursor.Parse(Key, selection.Advance(succeeded, failed, [], Lookback).ToString());
        }

        Assert.Equal(uploads.Count, successes.Count);
        Assert.All(successes, entry => Assert.Equal(1, entry.Value));
    }
}
