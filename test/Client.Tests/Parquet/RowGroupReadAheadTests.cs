using System.Runtime.CompilerServices;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// Row-group read-ahead at the level of <see cref="RangedObjectStream"/>: each row group is read the way the decoder's
/// pre-buffering reads it (one ranged read of its column chunks, after <see cref="RangedObjectStream.BeginRowGroup"/>),
/// and the next one is fetched ahead with <see cref="RangedObjectStream.ReadAheadNextRowGroup"/>, as
/// <see cref="ParquetBatchReader"/> does after a row group's first batch.
/// </summary>
public sealed class RowGroupReadAheadTests
{
    /// <summary>Smaller than every row group here, so the row groups' reads are fetched as asked, not through the block.</summary>
    private const int Block = 16 * 1024;

    /// <summary>The leading magic bytes.</summary>
    private const int Head = 4;

    /// <summary>The footer, its length and the closing magic.</summary>
    private const int FooterBytes = 600;

    /// <summary>How long a test waits for something a working stream does at once: a hang guard, not a measurement.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadAheadNextRowGroup_EqualRowGroups_EachNextRowGroupIsOneExactRequestMadeAhead()
    {
        var layout = new Layout(40_000, 40_000, 40_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var requested = WatchRequestsAt(store, layout.Start(1), layout.Start(2));
        var budget = new ReadAheadBudget(1024 * 1024);
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);
        var read = new List<byte[]>();

        for (var rowGroup = 0; rowGroup < layout.Count; rowGroup++)
        {
            read.Add(ReadRowGroup(stream, layout, rowGroup));
            if (rowGroup + 1 < layout.Count)
            {
                stream.ReadAheadNextRowGroup(budget);

                // The next row group is requested before any read asks for it: by the read-ahead.
                await requested[layout.Start(rowGroup + 1)].WaitAsync(HangGuard);
                Assert.Equal(layout.Requests(store, rowGroup + 2), store.Requests);
            }
        }

        Assert.All(Enumerable.Range(0, layout.Count), r => Assert.Equal(store.Slice(layout.Start(r), layout.Length(r)), read[r]));
        Assert.Equal(layout.Requests(store, layout.Count), store.Requests);
        Assert.Equal(120_000, stream.BytesFetched);
        Assert.Equal(3, stream.RequestCount);
    }

    [Fact]
    public void Read_RowGroupLongerThanPredicted_FetchesExactlyTheRemainder()
    {
        var layout = new Layout(40_000, 43_000, 40_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);

        var first = ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(new ReadAheadBudget(1024 * 1024));
        var second = ReadRowGroup(stream, layout, 1);

        Assert.Equal(store.Slice(layout.Start(0), 40_000), first);
        Assert.Equal(store.Slice(layout.Start(1), 43_000), second);
        Assert.Equal(
            [
                new RangeRead(store.Object.Key, layout.Start(0), 40_000),
                new RangeRead(store.Object.Key, layout.Start(1), 40_000),
                new RangeRead(store.Object.Key, layout.Start(1) + 40_000, 3_000),
            ],
            store.Requests);
        Assert.Equal(83_000, stream.BytesFetched);
    }

    [Fact]
    public void Read_RowGroupShorterThanPredicted_WastesOnlyTheDifferenceAndTheNextRowGroupComesOutRight()
    {
        var layout = new Layout(40_000, 37_000, 37_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var budget = new ReadAheadBudget(1024 * 1024);
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);

        var first = ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(budget);
        var second = ReadRowGroup(stream, layout, 1);
        stream.ReadAheadNextRowGroup(budget);
        var third = ReadRowGroup(stream, layout, 2);

        Assert.Equal(store.Slice(layout.Start(0), 40_000), first);
        Assert.Equal(store.Slice(layout.Start(1), 37_000), second);
        Assert.Equal(store.Slice(layout.Start(2), 37_000), third);
        Assert.Equal(3_000, stream.BytesFetched - (40_000 + 37_000 + 37_000));
        Assert.Equal(
            [
                new RangeRead(store.Object.Key, layout.Start(0), 40_000),
                new RangeRead(store.Object.Key, layout.Start(1), 40_000),
                new RangeRead(store.Object.Key, layout.Start(2), 37_000),
            ],
            store.Requests);
        Assert.Equal(1024 * 1024, budget.Available);
    }

    [Fact]
    public void Read_LastRowGroupAfterAShorterOne_TakesTheSlotsLeftoverAndFetchesOnlyTheRest()
    {
        var layout = new Layout(40_000, 37_000, 5_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var budget = new ReadAheadBudget(1024 * 1024);
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);

        ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(budget);
        ReadRowGroup(stream, layout, 1);
        var last = ReadRowGroup(stream, layout, 2);

        Assert.Equal(store.Slice(layout.Start(2), 5_000), last);
        Assert.Equal(new RangeRead(store.Object.Key, layout.Start(2) + 3_000, 2_000), store.Requests[^1]);
        Assert.Equal(3, store.Requests.Count);
        Assert.Equal(82_000, stream.BytesFetched);
        Assert.Equal(1024 * 1024, budget.Available);
    }

    [Fact]
    public void ReadAheadNextRowGroup_PredictionReachesTheFooter_StopsBeforeTheLastEightBytes()
    {
        var layout = new Layout(40_000, 30_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);

        ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(new ReadAheadBudget(1024 * 1024));
        var second = ReadRowGroup(stream, layout, 1);

        Assert.Equal(store.Slice(layout.Start(1), 30_000), second);
        Assert.Equal(new RangeRead(store.Object.Key, layout.Start(1), layout.Size - 8 - layout.Start(1)), store.Requests[^1]);
        Assert.Equal(2, store.Requests.Count);
    }

    [Fact]
    public void Read_SmallReadsBeforeAPendingSlot_FetchOnlyUpToTheSlotAndTakeTheRestFromIt()
    {
        var layout = new Layout(40_000, 40_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);
        ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(new ReadAheadBudget(1024 * 1024));
        var slotStart = layout.Start(1);

        // Both reads are smaller than the block: a block fetched from their start would run into the slot's bytes.
        stream.Position = slotStart - 1_000;
        var before = new byte[100];
        stream.ReadExactly(before);
        var across = new byte[2_000];
        stream.ReadExactly(across);

        Assert.Equal(store.Slice(slotStart - 1_000, 100), before);
        Assert.Equal(store.Slice(slotStart - 900, 2_000), across);
        Assert.Equal(
            [
                new RangeRead(store.Object.Key, layout.Start(0), 40_000),
                new RangeRead(store.Object.Key, slotStart - 1_000, 1_000),
                new RangeRead(store.Object.Key, slotStart, 40_000),
            ],
            store.Requests.OrderBy(r => r.Offset));
    }

    [Fact]
    public void ReadAheadNextRowGroup_BudgetSmallerThanTheRowGroup_RequestsAsWithoutReadAheadAndBudgetUntouched()
    {
        var layout = new Layout(40_000, 40_000, 40_000);
        var withReadAhead = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var without = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var budget = new ReadAheadBudget(39_999);
        using var stream = new RangedObjectStream(withReadAhead, withReadAhead.Object, Block, CancellationToken.None);
        using var plain = new RangedObjectStream(without, without.Object, Block, CancellationToken.None);

        for (var rowGroup = 0; rowGroup < layout.Count; rowGroup++)
        {
            Assert.Equal(withReadAhead.Slice(layout.Start(rowGroup), layout.Length(rowGroup)), ReadRowGroup(stream, layout, rowGroup));
            ReadRowGroup(plain, layout, rowGroup);
            if (rowGroup + 1 < layout.Count)
            {
                stream.ReadAheadNextRowGroup(budget);
                Assert.Equal(39_999, budget.Available);
            }
        }

        Assert.Equal(without.Requests, withReadAhead.Requests);
        Assert.Equal(plain.BytesFetched, stream.BytesFetched);
        Assert.Equal(plain.RequestCount, stream.RequestCount);
    }

    [Fact]
    public void ReadAheadNextRowGroup_SlotConsumed_BudgetIsBackBeforeTheStreamIsDisposed()
    {
        var layout = new Layout(40_000, 40_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var budget = new ReadAheadBudget(1024 * 1024);
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);

        ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(budget);
        var reserved = budget.Available;
        ReadRowGroup(stream, layout, 1);

        Assert.Equal(1024 * 1024 - 40_000, reserved);
        Assert.Equal(1024 * 1024, budget.Available);
    }

    [Fact]
    public async Task Dispose_ReadAheadStillFetching_BudgetComesBackOnlyOnceTheFetchHasEnded()
    {
        var layout = new Layout(40_000, 40_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var budget = new ReadAheadBudget(1024 * 1024);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.OnRequest = async (request, token) =>
        {
            if (request.Offset == layout.Start(1))
            {
                token.Register(() => cancelled.TrySetResult());
                started.TrySetResult();

                // A fetch that does not stop at once when cancelled: its bytes may still be landing in the slot's array.
                await gate.Task;
            }
        };
        store.OnStreamDisposed = request =>
        {
            if (request.Offset == layout.Start(1))
            {
                ended.TrySetResult();
            }
        };
        var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);
        ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(budget);
        await started.Task.WaitAsync(HangGuard);

        stream.Dispose();
        await cancelled.Task.WaitAsync(HangGuard);
        var whileFetching = budget.Available;
        gate.SetResult();
        await ended.Task.WaitAsync(HangGuard);

        Assert.Equal(1024 * 1024 - 40_000, whileFetching);
        // The fetch has ended; its slot gives the budget back right after (a hang guard, not a delay).
        Assert.True(SpinWait.SpinUntil(() => budget.Available == 1024 * 1024, HangGuard), $"budget still at {budget.Available}");
    }

    [Fact]
    public async Task Read_ReadAheadFetchFailed_TheReadThatNeedsItsBytesThrowsThatFailure()
    {
        var layout = new Layout(40_000, 40_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var failure = new IOException("connection reset while reading ahead");
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.OnRequest = (request, _) =>
        {
            if (request.Offset == layout.Start(1))
            {
                failed.TrySetResult();
                throw failure;
            }

            return Task.CompletedTask;
        };
        using var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);
        ReadRowGroup(stream, layout, 0);
        stream.ReadAheadNextRowGroup(new ReadAheadBudget(1024 * 1024));
        await failed.Task.WaitAsync(HangGuard);

        var thrown = Assert.Throws<IOException>(() => ReadRowGroup(stream, layout, 1));

        Assert.Same(failure, thrown);
        Assert.Same(failure, stream.Failure);
        // The read failed with the read-ahead's failure: it did not ask the store again.
        Assert.Equal(layout.Requests(store, 2), store.Requests);
    }

    [Fact]
    public async Task Dispose_ReadAheadFetchFailedAndNothingNeededIt_NothingThrowsAndNoTaskExceptionGoesUnobserved()
    {
        var failure = new IOException("read ahead of nothing failed");
        var unobserved = new List<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.Flatten().InnerExceptions.Any(inner => ReferenceEquals(inner, failure)))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            var budget = new ReadAheadBudget(1024 * 1024);
            await ReadAheadThatFailsUnneeded(budget, failure);

            // The slot's continuation has run once the budget is back: only then can its fetch task be collected.
            Assert.True(SpinWait.SpinUntil(() => budget.Available == 1024 * 1024, HangGuard), $"budget still at {budget.Available}");
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.Empty(unobserved);
    }

    /// <summary>
    /// Reads the only row group of an object whose footer the read-ahead predicted as a next row group, lets the
    /// read-ahead fail, and disposes the stream; in a method of its own so that nothing of it stays reachable.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task ReadAheadThatFailsUnneeded(ReadAheadBudget budget, IOException failure)
    {
        var layout = new Layout(40_000);
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(layout.Size));
        var failing = new TaskCompletionSource<RangeRead>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.OnRequest = (request, _) =>
        {
            if (request.Offset == layout.Start(1))
            {
                // Once thrown, the fetch ends with this failure whenever the slot is let go.
                failing.TrySetResult(request);
                throw failure;
            }

            return Task.CompletedTask;
        };
        var stream = new RangedObjectStream(store, store.Object, Block, CancellationToken.None);
        Assert.Equal(store.Slice(layout.Start(0), 40_000), ReadRowGroup(stream, layout, 0));
        stream.ReadAheadNextRowGroup(budget);
        Assert.Equal(new RangeRead(store.Object.Key, layout.Start(1), FooterBytes - 8), await failing.Task.WaitAsync(HangGuard));

        stream.Dispose();
    }

    /// <summary>Reads row group <paramref name="rowGroup"/> as the decoder's pre-buffering does: one seek, one read.</summary>
    private static byte[] ReadRowGroup(RangedObjectStream stream, Layout layout, int rowGroup)
    {
        stream.BeginRowGroup();
        var buffer = new byte[layout.Length(rowGroup)];
        stream.Position = layout.Start(rowGroup);
        Assert.Equal(buffer.Length, stream.Read(buffer, 0, buffer.Length));
        return buffer;
    }

    /// <summary>A task per offset that completes when a request at that offset reaches <paramref name="store"/>.</summary>
    private static Dictionary<long, Task> WatchRequestsAt(RecordingRangeStore store, params long[] offsets)
    {
        var arrived = offsets.ToDictionary(o => o, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        store.OnRequest = (request, _) =>
        {
            if (arrived.TryGetValue(request.Offset, out var signal))
            {
                signal.TrySetResult();
            }

            return Task.CompletedTask;
        };
        return arrived.ToDictionary(a => a.Key, a => a.Value.Task);
    }

    /// <summary>An object of the magic, row groups of the given lengths one after another, and a footer.</summary>
    private sealed class Layout(params int[] rowGroups)
    {
        public int Count => rowGroups.Length;

        public int Size => Head + rowGroups.Sum() + FooterBytes;

        public long Start(int rowGroup) => Head + rowGroups.Take(rowGroup).Sum();

        public int Length(int rowGroup) => rowGroups[rowGroup];

        /// <summary>One exact request per row group, for the first <paramref name="count"/> row groups.</summary>
        public IReadOnlyList<RangeRead> Requests(RecordingRangeStore store, int count) =>
            [.. Enumerable.Range(0, Math.Min(count, Count)).Select(r => new RangeRead(store.Object.Key, Start(r), Length(r)))];
    }
}
